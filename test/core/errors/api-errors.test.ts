/**
 * What a failed response becomes through the client: the class for its status, with status,
 * method, url, body, detail and headers, after exactly one request (maxRetries: 0).
 */
import { describe, expect, it } from "vitest";
import {
  SieveAuthenticationError,
  SieveError,
  SieveNotFoundError,
  SieveServerError,
  type SieveApiError,
  type SieveRateLimitError,
  type SieveValidationError,
} from "../../../src/index.js";
import { STATUS_CLASSES } from "../../support/status-classes.js";
import { JOB_ID } from "../../support/fixtures.js";
import { BASE_URL, fakeFetch, rejectionOf, reply, testClient } from "../../support/fake-fetch.js";

const URL_OF_JOB = `${BASE_URL}/jobs/${JOB_ID}`;

async function failedGet(status: number, body?: unknown, headers?: Record<string, string>) {
  const { fetch, requests } = fakeFetch(reply(status, body, headers));
  const error = await rejectionOf(testClient(fetch, { maxRetries: 0 }).jobs.get(JOB_ID));
  expect(requests).toHaveLength(1);
  expect(error).toBeInstanceOf(SieveError);
  return error as SieveApiError;
}

describe("a JSON error body", () => {
  it.each(STATUS_CLASSES)(
    "%i rejects with %o carrying the response",
    async (status, ErrorClass) => {
      const body = { detail: `failed with ${status}` };
      const error = await failedGet(status, body, { "x-request-id": "req-7" });

      expect(error).toBeInstanceOf(ErrorClass);
      expect(error.constructor).toBe(ErrorClass);
      expect(error).toMatchObject({
        name: ErrorClass.name,
        status,
        method: "GET",
        url: URL_OF_JOB,
        body,
        detail: `failed with ${status}`,
      });
      expect(error.headers).toMatchObject({
        "content-type": "application/json",
        "x-request-id": "req-7",
      });
      expect(error.message).toBe(`${status} GET ${URL_OF_JOB}: failed with ${status}`);
    },
  );

  it("a 422 carries its issues", async () => {
    const issues = [
      { loc: ["query", "offset"], msg: "must be >= 0", type: "value_error" },
      { loc: ["path", "job_id"], msg: "bad id", type: "value_error" },
    ];
    const error = await failedGet(422, { detail: issues });

    expect((error as SieveValidationError).issues).toEqual(issues);
    expect(error.detail).toBe("query.offset: must be >= 0; path.job_id: bad id");
  });

  it("a 429 carries the Retry-After it was given, in ms", async () => {
    const error = await failedGet(429, { detail: "slow" }, { "retry-after": "7" });
    expect((error as SieveRateLimitError).retryAfterMs).toBe(7_000);
  });

  it("a 429 without Retry-After has retryAfterMs undefined", async () => {
    const error = await failedGet(429, { detail: "slow" });
    expect(error).toHaveProperty("retryAfterMs", undefined);
  });
});

describe("error_id", () => {
  it("a 5xx body's error_id is errorId, in the message and in toJSON", async () => {
    const body = { detail: "Internal server error.", error_id: "5f0c9d2e-8b1a" };
    const error = await failedGet(500, body);
    expect(error).toBeInstanceOf(SieveServerError);
    expect(error.errorId).toBe("5f0c9d2e-8b1a");
    expect(error.message).toBe(
      `500 GET ${URL_OF_JOB}: Internal server error. (error_id 5f0c9d2e-8b1a)`,
    );
    expect(error.toJSON()).toMatchObject({ errorId: "5f0c9d2e-8b1a", status: 500 });
  });

  it("a numeric error_id is kept as text; a body without one leaves errorId undefined", async () => {
    expect((await failedGet(503, { detail: "down", error_id: 4711 })).errorId).toBe("4711");
    const plain = await failedGet(404, { detail: "Job not found." });
    expect(plain.errorId).toBeUndefined();
    expect(plain.message).not.toContain("error_id");
  });

  it.each([
    ["an object", { nested: true }],
    ["a long string", "x".repeat(500)],
    ["a string with spaces or newlines", "a b\nc"],
    ["null", null],
  ])("an error_id that is %s is not trusted into the message", async (_what, errorId) => {
    const error = await failedGet(500, { detail: "boom", error_id: errorId });
    expect(error.errorId).toBeUndefined();
    expect(error.message).toBe(`500 GET ${URL_OF_JOB}: boom`);
  });
});

describe("a non-JSON error body", () => {
  it("an HTML 502 from a proxy is a SieveServerError whose detail is the page text", async () => {
    const page =
      "<html><head><title>502 Bad Gateway</title></head>" +
      "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    const error = await failedGet(502, page, { "content-type": "text/html" });

    expect(error).toBeInstanceOf(SieveServerError);
    expect(error.body).toBe(page);
    expect(error.detail).toBe("502 Bad Gateway 502 Bad Gateway nginx");
    expect(error.message).toContain("502 Bad Gateway 502 Bad Gateway nginx");
    expect(error.message).not.toContain("<");
  });

  it("a plain-text 401 is a SieveAuthenticationError with that text", async () => {
    const error = await failedGet(401, "Invalid API key", { "content-type": "text/plain" });

    expect(error).toBeInstanceOf(SieveAuthenticationError);
    expect(error).toMatchObject({ body: "Invalid API key", detail: "Invalid API key" });
  });

  it("an empty 404 is a SieveNotFoundError with no detail", async () => {
    const error = await failedGet(404);

    expect(error).toBeInstanceOf(SieveNotFoundError);
    expect(error.detail).toBe("no detail given");
  });
});

describe("every method", () => {
  it("push, list, cancel and the functions methods report their own method and URL", async () => {
    const { fetch } = fakeFetch(reply(404, { detail: "nope" }));
    const sieve = testClient(fetch, { maxRetries: 0 });
    const cases = [
      ["POST", `${BASE_URL}/push`, sieve.jobs.push({ function: "a/b", inputs: {} })],
      ["GET", `${BASE_URL}/jobs?limit=1`, sieve.jobs.list({ limit: 1 })],
      ["DELETE", URL_OF_JOB, sieve.jobs.cancel(JOB_ID)],
      ["GET", `${BASE_URL}/functions/a/b`, sieve.functions.get("a/b")],
      ["GET", `${BASE_URL}/functions/a/b/versions`, sieve.functions.versions("a/b")],
      ["GET", `${BASE_URL}/functions/a/b/jobs`, sieve.functions.jobs("a/b")],
    ] as const;

    for (const [method, url, call] of cases) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(SieveNotFoundError);
      expect(error).toMatchObject({ method, url, status: 404 });
    }
    expect(fetch).toHaveBeenCalledTimes(cases.length);
  });
});
