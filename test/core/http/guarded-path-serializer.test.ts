/**
 * `guardedPathSerializer` alone, and through `sieve.raw`: bare openapi-fetch turns
 * `job_id: ".."` into `GET /v2/`; the guard refuses it before anything is sent.
 */
import { describe, expect, it } from "vitest";
import { defaultPathSerializer } from "openapi-fetch";
import { guardedPathSerializer } from "../../../src/core/http/guarded-path-serializer.js";
import { SieveInputError } from "../../../src/index.js";
import { JOB_ID, job } from "../../support/fixtures.js";
import { BASE_URL, fakeFetch, reply, testClient } from "../../support/fake-fetch.js";

describe("guardedPathSerializer", () => {
  it("serializes like openapi-fetch for valid segments, percent-encoded", () => {
    expect(guardedPathSerializer("/jobs/{job_id}", { job_id: "a b" })).toBe("/jobs/a%20b");
    const path = "/functions/{owner_name}/{function_name}";
    const params = { owner_name: "my org", function_name: "dub?bing" };
    expect(guardedPathSerializer(path, params)).toBe(defaultPathSerializer(path, params));
    expect(guardedPathSerializer("/jobs", {})).toBe("/jobs");
  });

  it.each([
    [{ job_id: ".." }, "path parameter job_id"],
    [{ job_id: "." }, "path parameter job_id"],
    [{ job_id: "" }, "path parameter job_id"],
    [{ job_id: "a/b" }, "path parameter job_id"],
    [{ job_id: 5 }, "path parameter job_id"],
    [{}, "path parameter job_id"],
  ])("refuses %j, which bare openapi-fetch would send", (params, field) => {
    expect(() => guardedPathSerializer("/jobs/{job_id}", params)).toThrow(
      expect.objectContaining({ name: "SieveInputError", field }),
    );
  });

  it("shows what it guards against: the bare serializer lets .. and a missing id through", () => {
    expect(defaultPathSerializer("/jobs/{job_id}", { job_id: ".." })).toBe("/jobs/..");
    expect(defaultPathSerializer("/jobs/{job_id}", {})).toBe("/jobs/{job_id}");
  });
});

describe("sieve.raw", () => {
  it("sends a valid call with the key and returns openapi-fetch's { data, response }", async () => {
    const { fetch, requests } = fakeFetch(reply(200, job));

    const { data, error, response } = await testClient(fetch).raw.GET("/jobs/{job_id}", {
      params: { path: { job_id: JOB_ID }, query: { offset: 1 } },
    });

    expect(data).toEqual(job);
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(requests.map((r) => r.url)).toEqual([`${BASE_URL}/jobs/${JOB_ID}?offset=1`]);
    expect(requests[0]?.headers.get("x-api-key")).toBe("test-key-0000");
  });

  it("rejects job_id '..' with SieveInputError and sends nothing", async () => {
    const { fetch, requests } = fakeFetch(reply(200, job));

    const call = testClient(fetch).raw.GET("/jobs/{job_id}", {
      params: { path: { job_id: ".." } },
    });

    await expect(call).rejects.toBeInstanceOf(SieveInputError);
    expect(requests).toHaveLength(0);
  });
});
