/**
 * The fetch sender asks no cache for its requests: a framework that caches `fetch` (Next.js)
 * must not answer a wait's poll from its cache, or the wait never sees the job change.
 */
import { describe, expect, it } from "vitest";
import { makeJob } from "../../support/job-fixtures.js";
import { fakeFetch, reply, testClient } from "../../support/fake-fetch.js";

describe("fetch sender", () => {
  it("sends every request with cache: no-store", async () => {
    const { fetch, requests } = fakeFetch(reply(200, makeJob("finished")));
    const sieve = testClient(fetch);
    await sieve.jobs.get("job-1");
    await sieve.jobs.wait("job-1", { strategy: "poll" });
    expect(requests.length).toBe(2);
    for (const request of requests) expect(request.cache).toBe("no-store");
    for (const [, init] of fetch.mock.calls) expect(init?.cache).toBe("no-store");
  });
});
