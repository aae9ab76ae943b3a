/**
 * A 2xx that cannot be read: a body that is not JSON, or no body at all, is a `SieveApiError`
 * that says so, never a `SyntaxError` from inside the client.
 */
import { describe, expect, it } from "vitest";
import { SieveApiError } from "../../../src/index.js";
import { JOB_ID } from "../../support/fixtures.js";
import { BASE_URL, fakeFetch, rejectionOf, reply, testClient } from "../../support/fake-fetch.js";
import { createRedactor } from "../../../src/core/utils/redactor.js";
import { parseResult } from "../../../src/core/request/parse-result.js";
import type { HttpRequest, HttpResponse } from "../../../src/core/http/http-types.js";

async function getJobAnsweredWith(...args: Parameters<typeof reply>) {
  const { fetch, requests } = fakeFetch(reply(...args));
  const error = await rejectionOf(testClient(fetch).jobs.get(JOB_ID));
  expect(requests).toHaveLength(1);
  expect(error).not.toBeInstanceOf(SyntaxError);
  expect(error).toBeInstanceOf(SieveApiError);
  return error as SieveApiError;
}

describe("a 2xx the client cannot read", () => {
  it("a 200 with invalid JSON is a SieveApiError that says it is not valid JSON", async () => {
    const error = await getJobAnsweredWith(200, '{"id": "43d7', {
      "content-type": "application/json",
    });

    expect(error.constructor).toBe(SieveApiError);
    expect(error).toMatchObject({ status: 200, method: "GET", url: `${BASE_URL}/jobs/${JOB_ID}` });
    expect(error.message).toContain("not valid JSON");
    expect(error.body).toBe('{"id": "43d7');
    // No SyntaxError is kept: its message would quote the body, secrets included.
    expect(error.cause).toBeUndefined();
  });

  it("a 200 with an HTML page is a SieveApiError", async () => {
    const error = await getJobAnsweredWith(200, "<html>maintenance</html>", {
      "content-type": "text/html",
    });
    expect(error.detail).toContain("not valid JSON");
  });

  it("an empty 200 is a SieveApiError that says the body is empty", async () => {
    const error = await getJobAnsweredWith(200);
    expect(error.message).toContain("empty");
  });

  it("a 200 whose body is only whitespace is a SieveApiError", async () => {
    const error = await getJobAnsweredWith(200, "  \n ");
    expect(error.message).toContain("empty");
  });

  it("a 204 is a SieveApiError", async () => {
    const error = await getJobAnsweredWith(204);
    expect(error.status).toBe(204);
  });

  it("keeps at most 1 000 characters of the unreadable body", async () => {
    const error = await getJobAnsweredWith(200, `[${"1,".repeat(2_000)}`);
    expect(error.body).toHaveLength(1_000);
  });
});

describe("parseResult alone", () => {
  const redactor = createRedactor(["s3cret-value"]);
  const request: HttpRequest = {
    method: "GET",
    url: `${BASE_URL}/jobs/x`,
    headers: {},
    body: undefined,
  };
  const response = (status: number, body: string): HttpResponse => ({
    status,
    body,
    headers: { get: () => null, toRecord: () => ({}) },
  });

  it("parses the text of a 2xx", () => {
    expect(parseResult(request, response(200, '{"a":[1]}'), { redactor })).toEqual({ a: [1] });
  });

  it("throws the error of a 5xx with the note, the body redacted", () => {
    const error = (() => {
      try {
        parseResult(request, response(503, '{"detail":"bad s3cret-value"}'), {
          redactor,
          serverFailureNote: "Note.",
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ status: 503, detail: "bad [redacted]" });
    expect((error as Error).message).toMatch(/: bad \[redacted\] Note\.$/);
  });

  it("leaves the note off a 4xx", () => {
    expect(() =>
      parseResult(request, response(404, '{"detail":"gone"}'), {
        redactor,
        serverFailureNote: "Note.",
      }),
    ).toThrow(/^(?!.*Note\.).*gone/);
  });

  it("never leaks a secret from an unreadable 2xx, even across the length cut", () => {
    const body = `${"x".repeat(995)}s3cret-value`;
    const error = (() => {
      try {
        parseResult(request, response(200, body), { redactor });
      } catch (e) {
        return e as SieveApiError;
      }
    })();
    expect(JSON.stringify(error) + String(error) + error?.stack).not.toContain("s3cret");
    expect(error?.body).not.toContain("s3cret");
  });
});
