/**
 * `createApiError` alone: the class each status maps to, the fields it keeps, and what
 * `JSON.stringify` prints.
 */
import { describe, expect, it } from "vitest";
import { createApiError } from "../../../src/core/errors/create-api-error.js";
import {
  SieveApiError,
  SieveError,
  type SieveRateLimitError,
  type SieveValidationError,
} from "../../../src/index.js";
import { STATUS_CLASSES } from "../../support/status-classes.js";

const init = (status: number, body: unknown = { detail: "why" }) => ({
  status,
  method: "GET",
  url: "https://api.test/v2/jobs",
  body,
  headers: { "x-request-id": "r-1" },
});

describe("createApiError", () => {
  it.each(STATUS_CLASSES)("maps %i to %o", (status, ErrorClass) => {
    const error = createApiError(init(status));

    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(SieveApiError);
    expect(error).toBeInstanceOf(SieveError);
    expect(error.name).toBe(ErrorClass.name);
  });

  it.each([302, 600])("maps any other status (%i) to a plain SieveApiError", (status) => {
    expect(createApiError(init(status)).constructor).toBe(SieveApiError);
  });

  it("keeps status, method, url, body, detail and headers, and writes them in the message", () => {
    const error = createApiError(init(404, { detail: "Job not found." }));

    expect(error).toMatchObject({
      status: 404,
      method: "GET",
      url: "https://api.test/v2/jobs",
      body: { detail: "Job not found." },
      detail: "Job not found.",
      headers: { "x-request-id": "r-1" },
    });
    expect(error.message).toBe("404 GET https://api.test/v2/jobs: Job not found.");
  });

  it("prefers a given detail and appends a note", () => {
    const error = createApiError({ ...init(500), detail: "exploded", note: "Check first." });
    expect(error.message).toBe("500 GET https://api.test/v2/jobs: exploded Check first.");
  });

  it('says "no detail given" when the body explains nothing', () => {
    expect(createApiError(init(500, "")).detail).toBe("no detail given");
  });

  it("gives a 422 its issues, skipping entries that are not issues", () => {
    const issue = { loc: ["body", "inputs"], msg: "field required", type: "missing" };
    const error = createApiError(init(422, { detail: [issue, "odd", { msg: 1 }] }));

    expect((error as SieveValidationError).issues).toEqual([issue]);
    expect(error.detail).toBe("body.inputs: field required; odd; 1");
  });

  it("gives a 422 with a string detail no issues", () => {
    expect((createApiError(init(422)) as SieveValidationError).issues).toEqual([]);
  });

  it("gives a 429 its retryAfterMs", () => {
    const error = createApiError({ ...init(429), retryAfterMs: 2_000 });
    expect((error as SieveRateLimitError).retryAfterMs).toBe(2_000);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ retryAfterMs: 2_000 });
  });

  it("prints name, message, status, method, url, detail and body as JSON, no headers", () => {
    const error = createApiError(init(403));

    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "SievePermissionError",
      message: "403 GET https://api.test/v2/jobs: why",
      status: 403,
      method: "GET",
      url: "https://api.test/v2/jobs",
      detail: "why",
      body: { detail: "why" },
    });
  });
});
