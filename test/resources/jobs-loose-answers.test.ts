/**
 * `sieve.jobs` on answers shaped as the real API may send them, looser than the spec once was:
 * a status outside the known five (`started`), a job without `inputs`, `outputs` absent, null
 * or holding a list of outputs produced together. None of them is a raw error.
 */
import { describe, expect, it } from "vitest";
import type { Job } from "../../src/index.js";
import { jobOutputs } from "../../src/index.js";
import { BASE_URL, fakeFetch, reply, testClient, type Responder } from "../support/fake-fetch.js";
import { JOB_ID, job, jobPage } from "../support/fixtures.js";

const fast = { intervalMs: 1, maxIntervalMs: 1 };
const [a, b, c] = [{ data: "a" }, { data: "b" }, { data: "c" }] as const;

/** A job as the API may answer it: `job` with these fields, and those of `without` left out. */
function looseJob(fields: Partial<Job> & Record<string, unknown>, without: string[] = []) {
  const answer: Record<string, unknown> = { ...job, ...fields };
  for (const key of without) delete answer[key];
  return answer;
}

/** Answers the n-th request with the n-th body, then the last one, whatever the path. */
function answers(...bodies: unknown[]): Responder[] {
  return bodies.map((body) => reply(200, body));
}

describe("a status outside the known five", () => {
  it("jobs.list sends it as the filter", async () => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));
    await testClient(fetch).jobs.list({ status: "started" });
    expect(requests.map((r) => r.url)).toEqual([`${BASE_URL}/jobs?status=started`]);
  });

  it("jobs.get and jobs.list resolve to jobs that carry it", async () => {
    const started = looseJob({ status: "started" });
    const { fetch } = fakeFetch(reply(200, started), reply(200, { data: [started] }));
    const sieve = testClient(fetch);
    expect((await sieve.jobs.get(JOB_ID)).status).toBe("started");
    expect((await sieve.jobs.list()).data[0]?.status).toBe("started");
  });

  it.each([["poll"], ["await"]] as const)(
    "jobs.wait (%s) treats it as not ended, and waits on to the end",
    async (strategy) => {
      const statuses: string[] = [];
      const { fetch } = fakeFetch(
        ...answers(
          looseJob({ status: "started", outputs: [] }),
          looseJob({ status: "started", outputs: [] }),
          looseJob({ status: "finished" }),
        ),
      );
      const done = await testClient(fetch).jobs.wait(JOB_ID, {
        ...fast,
        strategy,
        onStatus: (j) => void statuses.push(j.status),
      });
      expect(done.status).toBe("finished");
      expect(statuses).toContain("started");
    },
  );
});

describe("a job without inputs, or whose outputs are absent, null or nested", () => {
  it("jobs.get resolves to it as sent, and jobOutputs reads it flat", async () => {
    const bare = looseJob({ outputs: null }, ["inputs"]);
    const nested = looseJob({ outputs: [a, [b, c]] });
    const { fetch } = fakeFetch(reply(200, bare), reply(200, nested));
    const sieve = testClient(fetch);
    const first = await sieve.jobs.get(JOB_ID);
    expect(first.inputs).toBeUndefined();
    expect(jobOutputs(first)).toEqual([]);
    expect(jobOutputs(await sieve.jobs.get(JOB_ID)).map((o) => o.data)).toEqual(["a", "b", "c"]);
  });

  it("jobs.outputs yields the outputs flat, once each, through absent, null and nested lists", async () => {
    // Each poll answers the outputs after the offset asked for, as `GET /jobs/{id}?offset=N`.
    const { fetch, requests } = fakeFetch(
      ...answers(
        looseJob({ status: "processing" }, ["outputs"]),
        looseJob({ status: "processing", outputs: null }),
        looseJob({ status: "processing", outputs: [a] }),
        looseJob({ status: "finished", outputs: [[b, c]] }),
      ),
    );
    const seen: unknown[] = [];
    for await (const output of testClient(fetch).jobs.outputs(JOB_ID, fast)) seen.push(output.data);
    expect(seen).toEqual(["a", "b", "c"]);
    const offsets = requests.map((r) => new URL(r.url).searchParams.get("offset"));
    expect(offsets).toEqual([null, null, null, "1"]);
  });

  it("a job whose outputs is neither a list nor null is a typed error, not a TypeError", async () => {
    const { fetch } = fakeFetch(reply(200, { ...job, outputs: { data: 1 } }));
    await expect(testClient(fetch).jobs.get(JOB_ID)).rejects.toMatchObject({
      name: "SieveApiError",
      message: expect.stringContaining('"outputs" is an array or null'),
    });
  });
});
