import { expect } from "vitest";
import { VERSION } from "../../src/index.js";
import { API_KEY } from "./fake-fetch.js";

/**
 * Checks that exactly one request went out, with this method and full URL, carrying the key as
 * `X-API-Key` and the client's User-Agent; returns it for further checks.
 */
export function expectOneRequest(
  requests: readonly Request[],
  method: string,
  url: string,
): Request {
  expect(requests).toHaveLength(1);
  const request = requests[0] as Request;
  expect(request.method).toBe(method);
  expect(request.url).toBe(url);
  expect(request.headers.get("x-api-key")).toBe(API_KEY);
  expect(request.headers.get("user-agent")).toBe(`sieve-client/${VERSION}`);
  expect(request.headers.get("authorization")).toBeNull();
  return request;
}

/** Checks a body-less request: no body and no content-type. */
export function expectNoBody(request: Request): void {
  expect(request.body).toBeNull();
  expect(request.headers.get("content-type")).toBeNull();
}
