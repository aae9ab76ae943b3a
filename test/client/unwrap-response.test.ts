/**
 * A 2xx that cannot be read: a body that is not JSON, or no body at all, is a `SieveApiError`
 * that says so, never a `SyntaxError` from inside the client.
 */
import { describe, expect, it } from "vitest";
import { SieveApiError } from "../../src/index.js";
import { JOB_ID } from "../support/fixtures.js";
import { BASE_URL, fakeFetch, rejectionOf, reply, testClient } from "../support/fake-fetch.js";
import { createRedactor } from "../../src/utils/redactor.js";
import { unwrapJson } from "../../src/client/unwrap-response.js";

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
    expect(error.cause).toBeInstanceOf(SyntaxError);
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

describe("unwrapJson alone", () => {
  const redactor = createRedactor(["s3cret-value"]);
  const answered = (response: Response, rest: { data?: string; error?: unknown }) =>
    Promise.resolve({ response, ...rest });

  it("parses the text of a 2xx", async () => {
    const value = await unwrapJson(answered(new Response("{}"), { data: '{"a":[1]}' }), {
      redactor,
    });
    expect(value).toEqual({ a: [1] });
  });

  it("throws the error of a 5xx with the note, the body redacted", async () => {
    const pending = answered(new Response(null, { status: 503 }), {
      error: { detail: "bad s3cret-value" },
    });
    const error = await rejectionOf(unwrapJson(pending, { redactor, serverFailureNote: "Note." }));

    expect(error).toMatchObject({ status: 503, detail: "bad [redacted]" });
    expect((error as Error).message).toMatch(/: bad \[redacted\] Note\.$/);
  });

  it("leaves the note off a 4xx", async () => {
    const pending = answered(new Response(null, { status: 404 }), { error: { detail: "gone" } });
    const error = await rejectionOf(unwrapJson(pending, { redactor, serverFailureNote: "Note." }));
    expect((error as Error).message).not.toContain("Note.");
  });
});
