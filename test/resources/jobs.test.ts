/**
 * `sieve.jobs` over an injected fetch: the method, URL, headers and body of each request, and
 * the parsed body each method resolves to.
 */
import { describe, expect, it } from "vitest";
import type { PushJobRequest } from "../../src/index.js";
import { BASE_URL, fakeFetch, reply, testClient } from "../support/fake-fetch.js";
import { cancelResponse, JOB_ID, job, jobPage, pushResponse } from "../support/fixtures.js";
import { expectNoBody, expectOneRequest } from "../support/request-checks.js";

describe("sieve.jobs.push", () => {
  it("POSTs the request as JSON to /push and resolves to the PushResponse", async () => {
    const { fetch, requests } = fakeFetch(reply(200, pushResponse));
    const request: PushJobRequest = {
      function: "sieve/dubbing:3",
      inputs: { file: { url: "https://example.com/talk.mp4" }, target_language: "spanish" },
      webhooks: [{ type: "job.complete", url: "https://example.com/hook" }],
      env: { OPENAI_API_KEY: "sk-openai" },
    };

    const pushed = await testClient(fetch).jobs.push(request);

    expect(pushed).toEqual(pushResponse);
    const sent = expectOneRequest(requests, "POST", `${BASE_URL}/push`);
    expect(sent.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(await sent.text())).toEqual(request);
  });

  it("sends { id } instead of function", async () => {
    const { fetch, requests } = fakeFetch(reply(200, pushResponse));
    const request = { id: "f7de8467-17f3-4599-8f9d-ef601b172f71", inputs: {} };

    await testClient(fetch).jobs.push(request);

    const sent = expectOneRequest(requests, "POST", `${BASE_URL}/push`);
    expect(JSON.parse(await sent.text())).toEqual(request);
  });
});

describe("sieve.jobs.get", () => {
  it("GETs /jobs/{id} and resolves to the Job", async () => {
    const { fetch, requests } = fakeFetch(reply(200, job));

    const got = await testClient(fetch).jobs.get(JOB_ID);

    expect(got).toEqual(job);
    expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}/jobs/${JOB_ID}`));
  });

  it("sends the output offset as a query parameter", async () => {
    const { fetch, requests } = fakeFetch(reply(200, job));

    await testClient(fetch).jobs.get(JOB_ID, { offset: 2 });

    expectOneRequest(requests, "GET", `${BASE_URL}/jobs/${JOB_ID}?offset=2`);
  });

  it("percent-encodes the id into one path segment", async () => {
    const { fetch, requests } = fakeFetch(reply(200, job));

    await testClient(fetch).jobs.get("a b?c#d%");

    expectOneRequest(requests, "GET", `${BASE_URL}/jobs/a%20b%3Fc%23d%25`);
  });
});

describe("sieve.jobs.list", () => {
  it("GETs /jobs with no query when given no params, and resolves to the JobPage", async () => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));

    const page = await testClient(fetch).jobs.list();

    expect(page).toEqual(jobPage);
    expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}/jobs`));
  });

  it("sends limit, offset and status as query parameters", async () => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));

    await testClient(fetch).jobs.list({ limit: 10, offset: 20, status: "processing" });

    expectOneRequest(requests, "GET", `${BASE_URL}/jobs?limit=10&offset=20&status=processing`);
  });
});

describe("sieve.jobs.cancel", () => {
  it("DELETEs /jobs/{id} and resolves to { message }", async () => {
    const { fetch, requests } = fakeFetch(reply(200, cancelResponse));

    const cancelled = await testClient(fetch).jobs.cancel(JOB_ID);

    expect(cancelled).toEqual(cancelResponse);
    expectNoBody(expectOneRequest(requests, "DELETE", `${BASE_URL}/jobs/${JOB_ID}`));
  });
});
