import type { Sender } from "./http-types.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../config/limits.js";
import { hasErrorCode, NetworkFailure } from "./network-failure.js";
import { sharedAgent } from "./undici-agents.js";
import { exchange } from "./undici-exchange.js";

/** What the sender asks for, as fetch does; the body is decoded by `decode-body.ts`. */
const ACCEPT_ENCODING = "gzip, deflate, br";

/**
 * The Node sender: requests go straight to an undici `Agent` (keep-alive connection pools per
 * origin), skipping the WHATWG `Request`/`Response` objects that `fetch` builds on every call.
 * That is where most of fetch's cost on Node lies (see the README's benchmarks). Each request is
 * one `dispatch` read by `exchange` (`undici-exchange.ts`): no response object, body stream or
 * `AbortSignal` per call, which makes it cheaper than a bare `Agent.request`. One agent is
 * shared by every client of the process (`undici-agents.ts`); it opens at most 128 sockets per
 * origin, so thousands of concurrent waits share a pool rather than overflowing the server's
 * listen queue, and with `http2` multiplexes them over a few HTTP/2 connections. Like fetch, it
 * asks for and decodes gzip, deflate and br bodies, and reads at most `maxResponseBytes` decoded
 * bytes. The Node entry loads this module (undici, node:zlib) on its first request: see
 * `lazy-undici-sender.ts`.
 */
export function createUndiciSender({ http2 = false }: { http2?: boolean } = {}): Sender {
  const agent = sharedAgent(http2);
  const onFailure = http2
    ? (error: unknown) => asNetworkFailure(explainHttp2(error))
    : asNetworkFailure;
  return (request, attempt, options) => {
    const { url } = request;
    const pathStart = url.indexOf("/", url.indexOf("//") + 2);
    const dispatch = {
      origin: pathStart === -1 ? url : url.slice(0, pathStart),
      path: pathStart === -1 ? "/" : url.slice(pathStart),
      method: request.method as "GET",
      headers: withAcceptEncoding(request.headers),
      body: request.body ?? null,
    };
    const maxBytes = options?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    return exchange(agent, dispatch, attempt, maxBytes).catch(onFailure);
  };
}

/**
 * An HTTP/2 protocol error on a connection made for `http2: true` most often means the server
 * does not speak HTTP/2 at all (an HTTP/1.1 server answers the connection preface with a 400):
 * the error says so, after the runtime's message, with its code.
 */
function explainHttp2(error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code !== "ERR_HTTP2_ERROR") return error;
  const message =
    `${(error as Error).message}: the server may not speak HTTP/2; the client was created ` +
    `with http2: true, which needs a server that does (leave http2 off for this one)`;
  return Object.assign(new Error(message), { code: "ERR_HTTP2_ERROR" });
}

/** undici's and Node's network errors carry a code; anything else is a bug, not the network. */
function asNetworkFailure(error: unknown): never {
  throw hasErrorCode(error) ? new NetworkFailure(error) : error;
}

/** The client's headers are one object reused by every request: add the header once per object. */
const withEncoding = new WeakMap<Record<string, string>, Record<string, string>>();

function withAcceptEncoding(headers: Record<string, string>): Record<string, string> {
  let added = withEncoding.get(headers);
  if (added) return added;
  for (const name in headers) if (name.toLowerCase() === "accept-encoding") return headers;
  added = { ...headers, "accept-encoding": ACCEPT_ENCODING };
  withEncoding.set(headers, added);
  return added;
}
