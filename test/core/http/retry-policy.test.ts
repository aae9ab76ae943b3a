/** The retry policy alone: which methods, statuses and failures deserve another attempt. */
import { describe, expect, it } from "vitest";
import {
  isIdempotent,
  requestNeverLeft,
  shouldRetryFailure,
  shouldRetryStatus,
} from "../../../src/core/http/retry-policy.js";
import { connectionError } from "../../support/fake-fetch.js";

const at = (method: string) => ({ method, url: "https://api.test/v2/push" });

describe("isIdempotent", () => {
  it.each([["GET"], ["DELETE"], ["HEAD"], ["PUT"]])("%s is", (method) => {
    expect(isIdempotent(at(method))).toBe(true);
  });

  it.each([["POST"], ["PATCH"]])("%s /push is not", (method) => {
    expect(isIdempotent(at(method))).toBe(false);
  });

  it.each([
    "https://api.test/v2/functions/acme/dub/edit",
    "https://api.test/v2/functions/acme/dub/versions/latest/edit",
    "https://api.test/v2/functions/acme/dub/edit?x=1",
  ])("POST %s (an edit: it sets fields) is", (url) => {
    expect(isIdempotent({ method: "POST", url })).toBe(true);
  });

  it.each([
    "https://api.test/v2/push",
    "https://api.test/v2/push?source=api",
    "https://api.test/v2/functions/acme/editor",
    "https://api.test/v2/functions/acme/edit/push",
  ])("POST %s is not", (url) => {
    expect(isIdempotent({ method: "POST", url })).toBe(false);
  });
});

describe("shouldRetryStatus", () => {
  const all = [200, 301, 400, 401, 402, 403, 404, 408, 409, 422, 429, 500, 501, 502, 503, 504, 505];

  it("GET and DELETE retry exactly 408, 429, 500, 502, 503 and 504", () => {
    for (const method of ["GET", "DELETE"]) {
      expect(all.filter((status) => shouldRetryStatus(at(method), status))).toEqual([
        408, 429, 500, 502, 503, 504,
      ]);
    }
  });

  it("POST retries only 429", () => {
    expect(all.filter((status) => shouldRetryStatus(at("POST"), status))).toEqual([429]);
  });
});

describe("requestNeverLeft and shouldRetryFailure", () => {
  it.each([
    ["ECONNREFUSED"],
    ["ENOTFOUND"],
    ["EAI_AGAIN"],
    ["EHOSTUNREACH"],
    ["ENETUNREACH"],
    ["UND_ERR_CONNECT_TIMEOUT"],
  ])("%s proves the request never left", (code) => {
    expect(requestNeverLeft(connectionError(code))).toBe(true);
    expect(shouldRetryFailure(at("POST"), connectionError(code))).toBe(true);
  });

  it.each([["ECONNRESET"], ["EPIPE"], ["UND_ERR_SOCKET"], ["ETIMEDOUT"]])(
    "%s does not, so a POST is not retried",
    (code) => {
      expect(requestNeverLeft(connectionError(code))).toBe(false);
      expect(shouldRetryFailure(at("POST"), connectionError(code))).toBe(false);
      expect(shouldRetryFailure(at("GET"), connectionError(code))).toBe(true);
    },
  );

  it("an HTTP/2 stream refused (REFUSED_STREAM) or a TLS server that refused h2 was not processed", () => {
    const stream = (errorCode: string) =>
      Object.assign(new Error(`Stream closed with error code ${errorCode}`), {
        code: "ERR_HTTP2_STREAM_ERROR",
      });
    expect(requestNeverLeft(stream("NGHTTP2_REFUSED_STREAM"))).toBe(true);
    expect(shouldRetryFailure(at("POST"), stream("NGHTTP2_REFUSED_STREAM"))).toBe(true);
    expect(requestNeverLeft(stream("NGHTTP2_INTERNAL_ERROR"))).toBe(false);
    expect(requestNeverLeft(stream("NGHTTP2_CANCEL"))).toBe(false);
    expect(requestNeverLeft(connectionError("SIEVE_HTTP2_REFUSED"))).toBe(true);
    expect(requestNeverLeft(connectionError("ERR_HTTP2_INVALID_SESSION"))).toBe(true);
    expect(requestNeverLeft(connectionError("ERR_HTTP2_GOAWAY_SESSION"))).toBe(true);
  });

  it("a failure without any code is assumed to have been sent", () => {
    expect(requestNeverLeft(new TypeError("fetch failed"))).toBe(false);
    expect(requestNeverLeft(undefined)).toBe(false);
    expect(requestNeverLeft("ECONNREFUSED")).toBe(false);
  });

  it("reads codes from every connection attempt of an AggregateError", () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: "ECONNREFUSED" });
    const all = new AggregateError([refused("::1"), refused("127.0.0.1")]);
    expect(requestNeverLeft(new TypeError("fetch failed", { cause: all }))).toBe(true);

    const reset = Object.assign(new Error("reset"), { code: "ECONNRESET" });
    const mixed = new AggregateError([refused("::1"), reset]);
    expect(requestNeverLeft(new TypeError("fetch failed", { cause: mixed }))).toBe(false);
  });

  it("stops on a cause cycle", () => {
    const a: { code: string; cause?: unknown } = { code: "ECONNREFUSED" };
    a.cause = { cause: a };
    expect(requestNeverLeft(a)).toBe(true);
  });
});

describe("requestNeverLeft in runtimes without Node's error codes", () => {
  it.each([
    [
      "Deno, refused",
      new TypeError(
        "error sending request for url (http://127.0.0.1:1/v2/push): client error (Connect): tcp connect error: Connection refused (os error 111)",
      ),
    ],
    [
      "Deno, DNS",
      new TypeError(
        "error sending request for url (https://nope.invalid/v2/push): client error (Connect): dns error: failed to lookup address information",
      ),
    ],
    ["Bun, refused", Object.assign(new Error("Unable to connect."), { code: "ConnectionRefused" })],
    [
      "Bun, no socket",
      Object.assign(new Error("Was there a typo?"), { code: "FailedToOpenSocket" }),
    ],
  ])("%s: never left, so a push is retried", (_what, error) => {
    expect(requestNeverLeft(error)).toBe(true);
    expect(shouldRetryFailure(at("POST"), error)).toBe(true);
  });

  it.each([
    [
      "a browser's Failed to fetch (refused, reset or a refused CORS preflight)",
      new TypeError("Failed to fetch"),
    ],
    [
      "Deno, a connection closed after sending",
      new TypeError(
        "error sending request for url (http://127.0.0.1:8787/v2/push): client error (SendRequest): connection closed before message completed",
      ),
    ],
    ["workerd, connection lost", new Error("Network connection lost.")],
    [
      "Bun, reset",
      Object.assign(new Error("The socket connection was closed"), { code: "ECONNRESET" }),
    ],
  ])("%s: may have arrived, so a push is not retried", (_what, error) => {
    expect(requestNeverLeft(error)).toBe(false);
    expect(shouldRetryFailure(at("POST"), error)).toBe(false);
  });
});
