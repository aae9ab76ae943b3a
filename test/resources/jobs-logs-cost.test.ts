/**
 * `sieve.jobs.logs` and `sieve.jobs.cost` over an injected fetch: the request each sends (times
 * encoded so that Sieve reads them as meant), what each resolves to, and the arguments refused
 * before anything is sent.
 */
import { describe, expect, it } from "vitest";
import type { JobCost, LogsResponse } from "../../src/index.js";
import {
  BASE_URL,
  expectInputError,
  fakeFetch,
  reply,
  respond,
  testClient,
  untyped,
} from "../support/fake-fetch.js";
import { JOB_ID, job } from "../support/fixtures.js";
import { expectNoBody, expectOneRequest } from "../support/request-checks.js";

const logs: LogsResponse = {
  data: [
    {
      labels: { stage: "run", job_id: JOB_ID, run_id: "run-1" },
      logs: [{ message: "hello", timestamp: "2024-12-15T01:41:59.195000Z" }],
    },
  ],
  next_start_time: 1734227000000000000,
  last_time_returned: "2024-12-15T01:41:59.195000Z",
};
const cost: JobCost = {
  job_id: JOB_ID,
  cost: 0.0421,
  function_id: "f7de8467",
  function_name: "dubbing",
  function_owner_name: "sieve",
};

/** Calls `jobs.logs` with `params` and returns the query it sent. */
async function logsQuery(params: unknown): Promise<Record<string, string>> {
  const { fetch, requests } = fakeFetch(reply(200, logs));
  await testClient(fetch).jobs.logs(JOB_ID, untyped(params));
  expect(requests).toHaveLength(1);
  return Object.fromEntries(new URL((requests[0] as Request).url).searchParams);
}

describe("sieve.jobs.logs", () => {
  it("GETs /logs?job_id=... and resolves to the answer as sent", async () => {
    const { fetch, requests } = fakeFetch(reply(200, logs));

    const answer = await testClient(fetch).jobs.logs(JOB_ID);

    expect(answer).toEqual(logs);
    expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}/logs?job_id=${JOB_ID}`));
  });

  it("sends a Date as float POSIX seconds", async () => {
    const startTime = new Date("2024-12-15T01:41:59.195Z");
    const endTime = new Date("2024-12-15T01:51:59.5Z");
    expect(await logsQuery({ startTime, endTime })).toEqual({
      job_id: JOB_ID,
      start_time: "1734226919.195",
      end_time: "1734227519.5",
    });
  });

  it("sends a Date on a whole second as nanoseconds: its seconds would print as an integer", async () => {
    const startTime = new Date("2024-12-15T01:41:59Z");
    expect((await logsQuery({ startTime })).start_time).toBe("1734226919000000000");
  });

  it("sends float seconds as given, whole seconds as nanoseconds, next_start_time as given", async () => {
    expect((await logsQuery({ startTime: 1734226919.25 })).start_time).toBe("1734226919.25");
    expect((await logsQuery({ startTime: 1734226919 })).start_time).toBe("1734226919000000000");
    const next = logs.next_start_time;
    expect((await logsQuery({ startTime: next })).start_time).toBe(String(next));
  });

  it.each([
    [
      "an end before the start",
      { startTime: 1734226919.5, endTime: 1734226900.5 },
      "params.endTime",
    ],
    [
      "an end before the start, in other units",
      { startTime: new Date("2024-12-15T01:41:59.5Z"), endTime: 1734226900000000000 },
      "params.endTime",
    ],
    ["milliseconds", { startTime: 1734226919195 }, "params.startTime"],
    ["an invalid Date", { endTime: new Date("nope") }, "params.endTime"],
    ["a Date before 1970", { startTime: new Date(-1000) }, "params.startTime"],
    ["a negative number", { startTime: -1 }, "params.startTime"],
    ["NaN", { startTime: Number.NaN }, "params.startTime"],
    ["a string", { startTime: "2024-12-15" }, "params.startTime"],
    ["an unknown key", { start_time: 1 }, "params.start_time"],
    ["params that are no object", "recent", "params"],
  ])("refuses %s, sending nothing", async (_what, params, field) => {
    const { fetch, requests } = fakeFetch(reply(200, logs));
    const call = () => testClient(fetch).jobs.logs(JOB_ID, untyped(params));
    await expectInputError(call, field, requests);
  });

  it("refuses a job id that is no id, sending nothing", async () => {
    const { fetch, requests } = fakeFetch(reply(200, logs));
    await expectInputError(() => testClient(fetch).jobs.logs(".."), "jobId", requests);
  });

  it("an answer whose groups have no lines list is a typed error, not a TypeError", async () => {
    const { fetch } = fakeFetch(reply(200, { ...logs, data: [{ labels: { stage: "run" } }] }));
    await expect(testClient(fetch).jobs.logs(JOB_ID)).rejects.toMatchObject({
      name: "SieveApiError",
      message: expect.stringContaining('"logs" array'),
    });
  });
});

describe("sieve.jobs.cost", () => {
  it("GETs /usage/job/{id} and resolves to the JobCost", async () => {
    const { fetch, requests } = fakeFetch(reply(200, cost));

    expect(await testClient(fetch).jobs.cost(JOB_ID)).toEqual(cost);
    expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}/usage/job/${JOB_ID}`));
  });

  it("sends aggregated as true or false", async () => {
    const { fetch, requests } = fakeFetch(reply(200, cost));
    const sieve = testClient(fetch);
    await sieve.jobs.cost(JOB_ID, { aggregated: false });
    await sieve.jobs.cost(JOB_ID, { aggregated: true });
    expect(requests.map((r) => new URL(r.url).search)).toEqual([
      "?aggregated=false",
      "?aggregated=true",
    ]);
  });

  it.each([
    ["aggregated that is no boolean", { aggregated: "yes" }, "params.aggregated"],
    ["an unknown key", { children: true }, "params.children"],
  ])("refuses %s, sending nothing", async (_what, params, field) => {
    const { fetch, requests } = fakeFetch(reply(200, cost));
    await expectInputError(
      () => testClient(fetch).jobs.cost(JOB_ID, untyped(params)),
      field,
      requests,
    );
  });
});

describe("sieve.jobs.followLogs", () => {
  const fast = { intervalMs: 1, maxIntervalMs: 1 };
  const line = (message: string, second: number) => ({
    message,
    timestamp: `2024-12-15T01:42:0${second}.000000Z`,
  });
  const answer = (lines: ReturnType<typeof line>[], next: number): LogsResponse => ({
    data: [{ labels: { stage: "run", run_id: "run-1" }, logs: lines }],
    next_start_time: next,
    last_time_returned: "",
  });

  it("reads the job, then its lines from its creation, then from each next_start_time", async () => {
    const { fetch, requests } = fakeFetch(
      reply(200, { ...job, status: "processing" }),
      reply(200, answer([line("one", 1)], 1734226921000000001)),
      reply(200, { ...job, status: "finished" }),
      reply(200, answer([line("two", 2)], 1734226922000000001)),
      reply(200, answer([], 1734226922000000001)),
    );

    const seen: unknown[] = [];
    for await (const entry of testClient(fetch).jobs.followLogs(JOB_ID, fast)) seen.push(entry);

    expect(seen).toEqual([
      { stage: "run", run_id: "run-1", ...line("one", 1) },
      { stage: "run", run_id: "run-1", ...line("two", 2) },
    ]);
    const logsUrl = `${BASE_URL}/logs?job_id=${JOB_ID}&start_time=`;
    expect(requests.map((r) => r.url)).toEqual([
      `${BASE_URL}/jobs/${JOB_ID}`,
      // The fixture job was created at 2024-12-15T01:41:59.195: float seconds.
      `${logsUrl}1734226919.195`,
      `${BASE_URL}/jobs/${JOB_ID}`,
      `${logsUrl}1734226921000000000`,
      `${logsUrl}1734226922000000000`,
    ]);
  });

  it("a break ends it at once: no request after it", async () => {
    const { fetch, requests } = fakeFetch(
      reply(200, { ...job, status: "processing" }),
      reply(200, answer([line("one", 1), line("two", 2)], 1734226922000000001)),
    );
    for await (const entry of testClient(fetch).jobs.followLogs(JOB_ID, fast)) {
      expect(entry.message).toBe("one");
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests).toHaveLength(2);
  });

  it("an aborted signal ends it with the signal's reason", async () => {
    const { fetch } = fakeFetch((request) =>
      request.url.includes("/logs?")
        ? respond(200, answer([], 1734226922000000001))
        : respond(200, { ...job, status: "processing" }),
    );
    const controller = new AbortController();
    const lines = testClient(fetch).jobs.followLogs(JOB_ID, { ...fast, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("enough")), 10);
    await expect(
      (async () => {
        for await (const _ of lines) continue;
      })(),
    ).rejects.toThrow("enough");
  });

  it.each([
    ["an unknown option", { timeoutMs: 1000 }, "options.timeoutMs"],
    ["an interval of 0", { intervalMs: 0 }, "options.intervalMs"],
    ["a signal that is no signal", { signal: "stop" }, "options.signal"],
  ])("refuses %s when called, sending nothing", (_what, options, field) => {
    const { fetch, requests } = fakeFetch(reply(200, job));
    expect(() => testClient(fetch).jobs.followLogs(JOB_ID, untyped(options))).toThrow(field);
    expect(() => testClient(fetch).jobs.followLogs(untyped(42))).toThrow("jobId");
    expect(requests).toHaveLength(0);
  });
});
