import { describe, expect, it } from "vitest";
import { webhookEventTypeValues } from "../../generated/sieve.js";
import type { Webhook } from "../../generated/sieve.js";
import { freePort } from "../support/free-port.js";
import { clientFor, sleep, startReceiver, untilStatus, useEmulators } from "./helpers.js";

const emulators = useEmulators();
const every = (url: string): Webhook[] =>
  webhookEventTypeValues.map((type) => ({ type, url: `${url}/${type}` }));

describe("webhooks", () => {
  it("POSTs start, each new output and both completes, in order, with the spec's payloads", async () => {
    const receiver = emulators.track(await startReceiver());
    const emu = await emulators.start({
      functions: {
        "demo/count": {
          delayMs: 5,
          handler: async function* () {
            yield "a";
            yield { n: 2 };
          },
        },
      },
    });
    const { id } = await clientFor(emu).jobs.push({
      function: "demo/count",
      inputs: {},
      webhooks: every(receiver.url),
    });
    await receiver.until(5);
    await untilStatus(emu, id);
    const outputs = [
      { type: "str", name: null, data: "a", description: null },
      { type: "dict", name: null, data: { n: 2 }, description: null },
    ];
    expect(receiver.received.map(({ path, event }) => ({ path, event }))).toEqual([
      {
        path: "/job.start",
        event: {
          type: "job.start",
          body: { job_id: id, status: "processing", error: "", outputs: [] },
        },
      },
      {
        path: "/job.new_output",
        event: { type: "job.new_output", body: { job_id: id, output: outputs[0] } },
      },
      {
        path: "/job.new_output",
        event: { type: "job.new_output", body: { job_id: id, output: outputs[1] } },
      },
      {
        path: "/job.complete",
        event: {
          type: "job.complete",
          body: { job_id: id, status: "finished", error: "", outputs },
        },
      },
      {
        path: "/job.complete.no_output",
        event: {
          type: "job.complete.no_output",
          body: { job_id: id, status: "finished", error: "" },
        },
      },
    ]);
    expect(new Set(receiver.received.map((r) => r.contentType))).toEqual(
      new Set(["application/json"]),
    );
  });

  it("sends only the subscribed events, with error and cancelled statuses", async () => {
    const receiver = emulators.track(await startReceiver());
    const emu = await emulators.start({
      functions: {
        "demo/broken": { delayMs: 5, failWith: "CUDA out of memory" },
        "demo/slow": { delayMs: 5_000, handler: () => 1 },
      },
    });
    const sieve = clientFor(emu);
    const webhooks: Webhook[] = [{ type: "job.complete", url: receiver.url }];
    const broken = await sieve.jobs.push({ function: "demo/broken", inputs: {}, webhooks });
    await receiver.until(1);
    const slow = await sieve.jobs.push({ function: "demo/slow", inputs: {}, webhooks });
    await sieve.jobs.cancel(slow.id);
    await receiver.until(2);
    await sleep(20);
    expect(receiver.received.map((r) => r.event)).toEqual([
      {
        type: "job.complete",
        body: { job_id: broken.id, status: "error", error: "CUDA out of memory", outputs: [] },
      },
      {
        type: "job.complete",
        body: { job_id: slow.id, status: "cancelled", error: "", outputs: [] },
      },
    ]);
  });

  it("ignores receivers that are down or answer errors, and keeps serving", async () => {
    const failing = emulators.track(await startReceiver({ status: 500 }));
    const downUrl = `http://127.0.0.1:${await freePort()}/hook`;
    const emu = await emulators.start({
      functions: { "demo/echo": { delayMs: 5, handler: () => "ok" } },
    });
    const sieve = clientFor(emu);
    const { id } = await sieve.jobs.push({
      function: "demo/echo",
      inputs: {},
      webhooks: [...every(downUrl), ...every(failing.url)],
    });
    await untilStatus(emu, id);
    await failing.until(4);
    expect((await sieve.jobs.get(id)).status).toBe("finished");
    expect((await sieve.jobs.list()).data).toHaveLength(1);
  });

  it("close() aborts a delivery to a receiver that never answers", async () => {
    const hanging = emulators.track(await startReceiver({ hang: true }));
    const emu = await emulators.start({
      functions: { "demo/echo": { delayMs: 5, handler: () => "ok" } },
    });
    await clientFor(emu).jobs.push({
      function: "demo/echo",
      inputs: {},
      webhooks: [{ type: "job.start", url: hanging.url }],
    });
    await hanging.until(1);
    const started = Date.now();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
