import { expect, vi } from "vitest";
import {
  createSieveClient,
  SieveInputError,
  type SieveClient,
  type SieveClientOptions,
} from "../../src/index.js";

/** The key and base URL every injected-fetch test uses. */
export const API_KEY = "test-key-0000";
export const BASE_URL = "https://api.test/v2";

/** Answers one request the client sends: with a Response, or by rejecting like fetch does. */
export type Responder = (request: Request) => Response | Promise<Response>;

/**
 * A `fetch` for `createSieveClient({ fetch })` that records every request it receives and answers
 * the n-th one with the n-th responder (the last one answers every request after it).
 *
 * @example
 * const { fetch, requests } = fakeFetch(reply(503), reply(200, job));
 */
export function fakeFetch(...responders: Responder[]) {
  if (responders.length === 0) throw new Error("fakeFetch needs at least one responder");
  const requests: Request[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit): Promise<Response> => {
    const request = new Request(url, init);
    requests.push(request);
    const responder = responders[Math.min(requests.length, responders.length) - 1] as Responder;
    return responder(request);
  });
  return { fetch, requests };
}

/** A Response: no body for `undefined`, text for a string, JSON (with its content-type) else. */
export function respond(status: number, body?: unknown, headers: Record<string, string> = {}) {
  if (body === undefined) return new Response(null, { status, headers });
  if (typeof body === "string") return new Response(body, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A responder that answers with `respond(status, body, headers)`. */
export function reply(status: number, body?: unknown, headers?: Record<string, string>): Responder {
  return () => respond(status, body, headers);
}

/** What undici's fetch rejects with when a connection fails: the code sits in `cause`. */
export function connectionError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} api.test:443`), { code });
  return new TypeError("fetch failed", { cause });
}

/** A responder that fails like fetch does on a connection error with this code. */
export function fail(code: string): Responder {
  return () => Promise.reject(connectionError(code));
}

/** A responder that never answers: it rejects with the signal's reason once the request aborts. */
export const hang: Responder = (request) =>
  new Promise((_resolve, reject) => {
    const abort = () => reject(request.signal.reason);
    if (request.signal.aborted) abort();
    else request.signal.addEventListener("abort", abort, { once: true });
  });

/** A client on `BASE_URL` with `API_KEY` that sends through `fetch`. */
export function testClient(
  fetch: SieveClientOptions["fetch"],
  options: SieveClientOptions = {},
): SieveClient {
  return createSieveClient({ apiKey: API_KEY, baseUrl: BASE_URL, fetch, ...options });
}

/**
 * Resolves to what `promise` rejects with, and fails the test if it resolves. Attach it before
 * advancing fake timers, so that the rejection is never unhandled.
 */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/**
 * Checks that `call` rejects with a `SieveInputError` on `field`, whose message names the field,
 * and that nothing was sent.
 */
export async function expectInputError(
  call: () => Promise<unknown>,
  field: string,
  requests: readonly Request[],
): Promise<SieveInputError> {
  const error = await rejectionOf(call());
  expect(error).toBeInstanceOf(SieveInputError);
  const inputError = error as SieveInputError;
  expect(inputError.field).toBe(field);
  expect(inputError.message).toContain(`Invalid ${field}: `);
  expect(requests).toHaveLength(0);
  return inputError;
}

/** Lets a test pass a value its types forbid, to check the runtime guard behind them. */
export function untyped(value: unknown): never {
  return value as never;
}
