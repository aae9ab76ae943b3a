/**
 * `sieve.account` and `sieve.compute` over an injected fetch: the request each sends and what
 * it resolves to.
 */
import { describe, expect, it } from "vitest";
import type { Concurrency } from "../../src/index.js";
import {
  BASE_URL,
  expectInputError,
  fakeFetch,
  reply,
  testClient,
  untyped,
} from "../support/fake-fetch.js";
import { expectNoBody, expectOneRequest } from "../support/request-checks.js";

const concurrency: Concurrency = {
  max_concurrency: 10,
  num_current: 4,
  num_processing: 3,
  num_queued: 1,
  num_limited: 0,
};

describe("sieve.account.concurrency", () => {
  it("GETs /user/concurrency and resolves to the Concurrency", async () => {
    const { fetch, requests } = fakeFetch(reply(200, concurrency));
    expect(await testClient(fetch).account.concurrency()).toEqual(concurrency);
    expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}/user/concurrency`));
  });

  it("an answer that is no object is a typed error", async () => {
    const { fetch } = fakeFetch(reply(200, [concurrency]));
    await expect(testClient(fetch).account.concurrency()).rejects.toMatchObject({
      name: "SieveApiError",
    });
  });
});

describe("sieve.compute.availability", () => {
  it("GETs /services/compute and resolves to the answer as sent, whatever its shape", async () => {
    const availability = { l4: { available: true }, a100: { available: false } };
    const { fetch, requests } = fakeFetch(reply(200, availability));
    expect(await testClient(fetch).compute.availability()).toEqual(availability);
    expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}/services/compute`));
  });

  it("passes the per-call options, and refuses unknown ones before sending", async () => {
    const { fetch, requests } = fakeFetch(reply(503, {}), reply(200, []));
    await expect(testClient(fetch).compute.availability({ maxRetries: 0 })).rejects.toMatchObject({
      status: 503,
    });
    expect(requests).toHaveLength(1);
    const call = () => testClient(fetch).compute.availability(untyped({ retry: 0 }));
    await expectInputError(call, "options.retry", []);
  });
});
