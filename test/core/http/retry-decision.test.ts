import { describe, expect, it } from "vitest";
import { SieveConnectionError } from "../../../src/core/errors/sieve-connection-error.js";
import { SieveInputError } from "../../../src/core/errors/sieve-input-error.js";
import { SieveInternalError } from "../../../src/core/errors/sieve-internal-error.js";
import { createApiError } from "../../../src/core/errors/create-api-error.js";
import { retryDelay, retryDelayAfterError } from "../../../src/core/http/retry-decision.js";
import { markFinal } from "../../../src/core/http/retry-policy.js";

const at = (method: string) => ({ method, url: "https://api.test/v2/push" });

const policy = { maxRetryDelayMs: 10_000, random: () => 0 };
const target = { method: "GET", url: "https://api.test/v2/jobs/j" };
const apiError = (status: number, retryAfterMs?: number) =>
  createApiError({
    status,
    ...target,
    body: {},
    headers: {},
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });

describe("retryDelay: the one decision", () => {
  it.each([
    ["GET", 503, undefined, 0, 500],
    ["GET", 503, undefined, 2, 2_000],
    ["GET", 429, 3_000, 0, 3_000],
    ["GET", 503, 3_000, 0, 3_000],
    ["GET", 429, 20_000, 0, undefined],
    ["GET", 404, undefined, 0, undefined],
    ["GET", 501, undefined, 0, undefined],
    ["DELETE", 502, undefined, 1, 1_000],
    ["POST", 429, undefined, 0, 500],
    ["POST", 503, undefined, 0, undefined],
    ["POST", 500, 1_000, 0, undefined],
  ] as const)(
    "%s answered %i (Retry-After %s ms), retry %i: %s",
    (method, status, asked, retry, want) => {
      expect(retryDelay(at(method), { status, retryAfterMs: asked }, retry, policy)).toBe(want);
    },
  );

  it("failures: any for GET and DELETE; for POST only what surely never left", () => {
    expect(retryDelay(at("GET"), { failure: reset }, 0, policy)).toBe(500);
    expect(retryDelay(at("DELETE"), { failure: reset }, 1, policy)).toBe(1_000);
    expect(retryDelay(at("POST"), { failure: refused }, 0, policy)).toBe(500);
    expect(retryDelay(at("POST"), { failure: reset }, 0, policy)).toBeUndefined();
    expect(
      retryDelay(at("GET"), { failure: markFinal(new Error("loop")) }, 0, policy),
    ).toBeUndefined();
  });
});

describe("retryDelayAfterError: the same decision for an error a call threw", () => {
  it("API errors by status and retryAfterMs, connection errors by cause", () => {
    expect(retryDelayAfterError(at("GET"), apiError(503), 0, policy)).toBe(500);
    expect(retryDelayAfterError(at("GET"), apiError(429, 4_000), 0, policy)).toBe(4_000);
    expect(retryDelayAfterError(at("GET"), apiError(429, 60_000), 0, policy)).toBeUndefined();
    expect(retryDelayAfterError(at("GET"), apiError(401), 0, policy)).toBeUndefined();
    const connection = new SieveConnectionError("reset", target, { cause: reset });
    expect(retryDelayAfterError(at("GET"), connection, 1, policy)).toBe(1_000);
  });

  it("never for a bug, bad input, anything else, or an error marked final", () => {
    const internal = new SieveInternalError("bug", target, { cause: new TypeError("x") });
    expect(retryDelayAfterError(at("GET"), internal, 0, policy)).toBeUndefined();
    expect(
      retryDelayAfterError(at("GET"), new SieveInputError("jobId", "bad"), 0, policy),
    ).toBeUndefined();
    expect(retryDelayAfterError(at("GET"), new TypeError("x"), 0, policy)).toBeUndefined();
    const loop = markFinal(new SieveConnectionError("redirect loop", target));
    expect(retryDelayAfterError(at("GET"), loop, 0, policy)).toBeUndefined();
    expect(retryDelayAfterError(at("GET"), markFinal(apiError(503)), 0, policy)).toBeUndefined();
  });
});
