/**
 * `sieve.functions` over an injected fetch: the method, URL and headers of each request, and the
 * parsed body each method resolves to.
 */
import { describe, expect, it } from "vitest";
import { BASE_URL, fakeFetch, reply, testClient } from "../support/fake-fetch.js";
import { functionVersion, jobPage, sieveFunction } from "../support/fixtures.js";
import { expectNoBody, expectOneRequest } from "../support/request-checks.js";

const FUNCTION_URL = `${BASE_URL}/functions/sieve/dubbing`;

describe("sieve.functions.get", () => {
  it("GETs /functions/{owner}/{name} and resolves to the Function", async () => {
    const { fetch, requests } = fakeFetch(reply(200, sieveFunction));

    const fn = await testClient(fetch).functions.get("sieve/dubbing");

    expect(fn).toEqual(sieveFunction);
    expectNoBody(expectOneRequest(requests, "GET", FUNCTION_URL));
  });

  it("refuses an owner or name that would need percent-encoding, sending nothing", async () => {
    const { fetch, requests } = fakeFetch(reply(200, sieveFunction));

    for (const ref of ["my org/dubbing", "demo/dub?bing", "demo/dub#x", "demo/é"]) {
      await expect(testClient(fetch).functions.get(ref)).rejects.toMatchObject({
        name: "SieveInputError",
      });
    }
    expect(requests).toHaveLength(0);
  });
});

describe("sieve.functions.versions", () => {
  it("GETs /functions/{owner}/{name}/versions and resolves to the versions", async () => {
    const { fetch, requests } = fakeFetch(reply(200, [functionVersion]));

    const versions = await testClient(fetch).functions.versions("sieve/dubbing");

    expect(versions).toEqual([functionVersion]);
    expectNoBody(expectOneRequest(requests, "GET", `${FUNCTION_URL}/versions`));
  });

  it("sends limit and offset as query parameters", async () => {
    const { fetch, requests } = fakeFetch(reply(200, [functionVersion]));

    await testClient(fetch).functions.versions("sieve/dubbing", { limit: 5, offset: 1 });

    expectOneRequest(requests, "GET", `${FUNCTION_URL}/versions?limit=5&offset=1`);
  });
});

describe("sieve.functions.jobs", () => {
  it("GETs /functions/{owner}/{name}/jobs and resolves to the JobPage", async () => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));

    const page = await testClient(fetch).functions.jobs("sieve/dubbing");

    expect(page).toEqual(jobPage);
    expectNoBody(expectOneRequest(requests, "GET", `${FUNCTION_URL}/jobs`));
  });

  it("sends limit, offset and status as query parameters", async () => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));

    await testClient(fetch).functions.jobs("sieve/dubbing", {
      limit: 2,
      offset: 4,
      status: "error",
    });

    expectOneRequest(requests, "GET", `${FUNCTION_URL}/jobs?limit=2&offset=4&status=error`);
  });
});
