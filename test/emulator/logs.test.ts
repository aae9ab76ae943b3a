import { describe, expect, it } from "vitest";
import type { LogsResponse } from "../../generated/sieve.js";
import type { Emulator } from "../../src/emulator/index.js";
import { api, clientFor, untilStatus, useEmulators } from "./helpers.js";

const emulators = useEmulators();
const LOG_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const functions = {
  "demo/chatty": {
    delayMs: 0,
    version: "v2",
    handler: async function* (
      _inputs: Record<string, unknown>,
      { log }: { log: (message: string) => void },
    ) {
      log("loading the model");
      yield "first";
      log("two\nlines\n");
      yield 2;
    },
  },
  "demo/broken": { delayMs: 0, failWith: "CUDA out of memory" },
  "demo/later": { delayMs: 60_000 },
};

async function logs(emu: Emulator, query: string): Promise<LogsResponse> {
  const answer = await api(emu, "GET", `/logs?${query}`);
  expect(answer.status).toBe(200);
  return answer.body as LogsResponse;
}

/** Every line of a response, oldest first, with its stage. */
const lines = (response: LogsResponse) =>
  response.data.flatMap((group) =>
    group.logs.map((line) => ({ stage: group.labels.stage, ...line })),
  );

/** A log timestamp as POSIX seconds (float) and nanoseconds (integer string). */
function times(timestamp: string): { seconds: string; nanos: string } {
  const whole = Date.parse(`${timestamp.slice(0, 19)}Z`) / 1_000;
  const micros = timestamp.slice(20, 26);
  return { seconds: `${whole}.${micros}`, nanos: `${whole}${micros}000` };
}

async function finished(emu: Emulator, fn: string): Promise<string> {
  const { id } = await clientFor(emu).jobs.push({ function: fn, inputs: {} });
  await untilStatus(emu, id);
  return id;
}

describe("GET /logs", () => {
  it("groups a job's lines by stage, oldest first, with the handler's own lines", async () => {
    const emu = await emulators.start({ functions });
    const id = await finished(emu, "demo/chatty");
    const job = emu.jobs.get(id);
    const response = await logs(emu, `job_id=${id}`);

    expect(response.data.map((group) => group.labels)).toEqual(
      ["import", "setup", "run"].map((stage) => ({
        stage,
        job_id: id,
        run_id: job?.runId,
        organization_id: expect.any(String),
        function_id: "v2",
      })),
    );
    expect(lines(response).map(({ stage, message }) => `${stage}: ${message}`)).toEqual([
      "import: Loading demo/chatty (version v2)",
      "setup: Setting up a cpu worker",
      `run: Job ${id} started`,
      "run: loading the model",
      "run: Output 1: str",
      "run: two",
      "run: lines",
      "run: Output 2: int",
      "run: Job ended with status finished",
    ]);
    const stamps = lines(response).map((line) => line.timestamp);
    for (const stamp of stamps) expect(stamp).toMatch(LOG_TIME);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(response.last_time_returned).toBe(stamps.at(-1));
    expect(Number.isInteger(response.next_start_time)).toBe(true);
  });

  it("ends a failed job's log with its status and error", async () => {
    const emu = await emulators.start({ functions });
    const id = await finished(emu, "demo/broken");
    const last = lines(await logs(emu, `job_id=${id}`)).at(-1);
    expect(last?.message).toBe("Job ended with status error: CUDA out of memory");
  });

  it("returns only newer lines from next_start_time, and nothing new until there is", async () => {
    let proceed: () => void = () => {};
    const emu = await emulators.start({
      functions: {
        "demo/paced": {
          delayMs: 0,
          handler: async (_inputs, { log }) => {
            log("before");
            await new Promise<void>((resolve) => (proceed = resolve));
            log("after");
          },
        },
      },
    });
    const { id } = await clientFor(emu).jobs.push({ function: "demo/paced", inputs: {} });
    await untilStatus(emu, id, ["processing"]);
    const first = await logs(emu, `job_id=${id}`);
    expect(lines(first).at(-1)?.message).toBe("before");

    const idle = await logs(emu, `job_id=${id}&start_time=${first.next_start_time}`);
    expect(idle).toEqual({
      data: [],
      next_start_time: first.next_start_time,
      last_time_returned: "",
    });

    proceed();
    await untilStatus(emu, id);
    const rest = await logs(emu, `job_id=${id}&start_time=${first.next_start_time}`);
    expect(lines(rest).map((line) => line.message)).toEqual([
      "after",
      "Job ended with status finished",
    ]);
    expect(rest.next_start_time).toBeGreaterThan(first.next_start_time);
    const all = lines(await logs(emu, `job_id=${id}`));
    expect([...lines(first), ...lines(rest)]).toEqual(all);
  });

  it("reads start_time and end_time as float seconds or integer nanoseconds", async () => {
    const emu = await emulators.start({ functions });
    const id = await finished(emu, "demo/chatty");
    const all = lines(await logs(emu, `job_id=${id}`));
    const third = times(all[2]?.timestamp ?? "");
    const sixth = times(all[5]?.timestamp ?? "");
    const expected = all.slice(2, 5).map((line) => line.message);

    for (const [start, end] of [
      [third.seconds, sixth.seconds],
      [third.nanos, sixth.nanos],
      [third.seconds, sixth.nanos],
    ]) {
      const window = await logs(emu, `job_id=${id}&start_time=${start}&end_time=${end}`);
      expect(
        lines(window).map((line) => line.message),
        `${start}..${end}`,
      ).toEqual(expected);
    }
    const untilEnd = await logs(emu, `job_id=${id}&end_time=${sixth.nanos}`);
    expect(lines(untilEnd)).toHaveLength(5);
    const future = await logs(emu, `job_id=${id}&start_time=${Date.now() / 1_000 + 60}`);
    expect(future.data).toEqual([]);
  });

  it("answers a queued job with no lines, and refuses bad requests", async () => {
    const emu = await emulators.start({ functions });
    const { id } = await clientFor(emu).jobs.push({ function: "demo/later", inputs: {} });
    const queued = await logs(emu, `job_id=${id}`);
    expect(queued.data).toEqual([]);
    expect(queued.next_start_time).toBeGreaterThan(1e18);

    expect(await api(emu, "GET", "/logs?job_id=nope")).toMatchObject({
      status: 404,
      body: { detail: "Logs not found." },
    });
    expect(await api(emu, "GET", `/logs?job_id=${id}&start_time=20&end_time=10`)).toMatchObject({
      status: 400,
      body: { detail: "Invalid timestamps provided." },
    });
    expect(await api(emu, "GET", "/logs")).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["query", "job_id"], type: "missing" }] },
    });
  });
});
