import { expect, it } from "vitest";
import { api, useEmulators } from "./helpers.js";

const emulators = useEmulators();
const JOBS = 2_000;

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

/** Runs `task` for 0..count-1 with at most `width` in flight. */
async function inParallel(count: number, width: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

it(`holds ${JOBS} concurrent polled jobs with at most one timer each`, async () => {
  const emu = await emulators.start({
    functions: { "demo/wait": { handler: (inputs) => inputs.n, delayMs: 300 } },
  });
  const ids: string[] = [];
  await inParallel(JOBS, 64, async (n) => {
    const pushed = await api(emu, "POST", "/push", {
      body: { function: "demo/wait", inputs: { n } },
    });
    ids[n] = (pushed.body as { id: string }).id;
  });
  expect(emu.jobs.size).toBe(JOBS);
  expect(timers()).toBeLessThanOrEqual(JOBS + 20);

  const statuses = new Map<string, string>();
  const pollAll = () =>
    inParallel(JOBS, 64, async (n) => {
      const id = ids[n] ?? "";
      statuses.set(id, ((await api(emu, "GET", `/jobs/${id}`)).body as { status: string }).status);
    });
  while (emu.jobs.list().some((job) => job.status !== "finished")) await pollAll();
  await pollAll();

  expect(new Set(statuses.values())).toEqual(new Set(["finished"]));
  expect(ids.every((id, n) => emu.jobs.get(id)?.outputs[0]?.data === n)).toBe(true);
  expect(timers()).toBeLessThanOrEqual(20);
}, 30_000);
