import { Agent } from "undici";
import type { ResponseHeaders, Sender } from "./http-types.js";

type UndiciHeaders = Record<string, string | string[] | undefined>;

/** Sockets per origin: backpressure, not a socket storm; more requests queue in undici's pool. */
const MAX_CONNECTIONS_PER_ORIGIN = 128;

let sharedAgent: Agent | undefined;

/**
 * The Node sender: requests go straight to an undici `Agent` (keep-alive connection pools per
 * origin), skipping the WHATWG `Request`/`Response` objects that `fetch` builds on every call.
 * That is where most of fetch's cost on Node lies (see the README's benchmarks). One agent is
 * shared by every client of the process; idle sockets do not keep the process alive. It opens at
 * most `MAX_CONNECTIONS_PER_ORIGIN` sockets per origin, so thousands of concurrent waits share a
 * pool rather than overflowing the server's listen queue.
 *
 * @example
 * const send = createUndiciSender();
 */
export function createUndiciSender(): Sender {
  const agent = (sharedAgent ??= new Agent({
    keepAliveTimeout: 10_000,
    connections: MAX_CONNECTIONS_PER_ORIGIN,
  }));
  return async (request, signal) => {
    const { url } = request;
    const pathStart = url.indexOf("/", url.indexOf("//") + 2);
    const origin = pathStart === -1 ? url : url.slice(0, pathStart);
    const path = pathStart === -1 ? "/" : url.slice(pathStart);
    const response = await agent.request({
      origin,
      path,
      method: request.method as "GET",
      headers: request.headers,
      body: request.body ?? null,
      signal,
    });
    const body = await response.body.text();
    return { status: response.statusCode, headers: wrapHeaders(response.headers), body };
  };
}

function wrapHeaders(headers: UndiciHeaders): ResponseHeaders {
  const read = (value: string | string[] | undefined) =>
    value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  return {
    get: (name) => read(headers[name.toLowerCase()]),
    toRecord: () => {
      const record: Record<string, string> = {};
      for (const name in headers) {
        const value = read(headers[name]);
        if (value !== null) record[name] = value;
      }
      return record;
    },
  };
}
