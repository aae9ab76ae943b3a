import type { Readable } from "node:stream";
import { Agent } from "undici";
import { decodeBody, SUPPORTED_ENCODINGS } from "./decode-body.js";
import type { ResponseHeaders, Sender } from "./http-types.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../config/limits.js";
import { isKnownSmall, readBody } from "./read-body.js";
import { hasErrorCode, NetworkFailure } from "./network-failure.js";
import { ResponseFailure } from "./response-failure.js";

type UndiciHeaders = Record<string, string | string[] | undefined>;

/** Sockets per origin: backpressure, not a socket storm; more requests queue in undici's pool. */
const MAX_CONNECTIONS_PER_ORIGIN = 128;
/** What the sender asks for, as fetch does; the body is decoded by `decode-body.ts`. */
const ACCEPT_ENCODING = "gzip, deflate, br";

let sharedAgent: Agent | undefined;

/**
 * The Node sender: requests go straight to an undici `Agent` (keep-alive connection pools per
 * origin), skipping the WHATWG `Request`/`Response` objects that `fetch` builds on every call.
 * That is where most of fetch's cost on Node lies (see the README's benchmarks). One agent is
 * shared by every client of the process; idle sockets do not keep the process alive. It opens at
 * most `MAX_CONNECTIONS_PER_ORIGIN` sockets per origin, so thousands of concurrent waits share a
 * pool rather than overflowing the server's listen queue. Like fetch, it asks for and decodes
 * gzip, deflate and br bodies, and reads at most `maxResponseBytes` decoded bytes.
 */
export function createUndiciSender(): Sender {
  const agent = (sharedAgent ??= new Agent({
    keepAliveTimeout: 10_000,
    connections: MAX_CONNECTIONS_PER_ORIGIN,
    // undici's own 300 s limit would cut the `await` long-poll (held up to 10 minutes) short;
    // every request already has the client's time limit, through its signal.
    headersTimeout: 0,
  }));
  return async (request, signal, options) => {
    const { url } = request;
    const pathStart = url.indexOf("/", url.indexOf("//") + 2);
    const origin = pathStart === -1 ? url : url.slice(0, pathStart);
    const path = pathStart === -1 ? "/" : url.slice(pathStart);
    try {
      const response = await agent.request({
        origin,
        path,
        method: request.method as "GET",
        headers: withAcceptEncoding(request.headers),
        body: request.body ?? null,
        signal,
      });
      const status = response.statusCode;
      const headers = wrapHeaders(response.headers);
      const maxBytes = options?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      const small = isKnownSmall(
        headers.get("content-encoding"),
        headers.get("content-length"),
        maxBytes,
      );
      const body = small
        ? await response.body.text()
        : await readDecoded(response.body, { status, headers }, maxBytes);
      return { status, headers, body };
    } catch (error) {
      // undici's and Node's network errors carry a code; anything else is a bug, not the network.
      throw hasErrorCode(error) ? new NetworkFailure(error) : error;
    }
  };
}

/** Reads `body` decoded per its Content-Encoding, or throws a `ResponseFailure` saying why not. */
async function readDecoded(
  body: Readable,
  origin: { status: number; headers: ResponseHeaders },
  maxBytes: number,
): Promise<string> {
  const decoded = decodeBody(body, origin.headers.get("content-encoding") ?? undefined);
  if ("unknown" in decoded) {
    body.destroy();
    const detail =
      `the response's Content-Encoding "${decoded.unknown.join(", ")}" is not one the client ` +
      `decodes (${SUPPORTED_ENCODINGS.join(", ")})`;
    throw new ResponseFailure("undecodable", origin.status, origin.headers, detail);
  }
  try {
    return await readBody(decoded.stream, maxBytes, origin);
  } catch (error) {
    decoded.destroy();
    if (error instanceof ResponseFailure || !decoded.isDecodeError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const detail = `the ${origin.headers.get("content-encoding")} body could not be decoded (${reason})`;
    throw new ResponseFailure("undecodable", origin.status, origin.headers, detail, {
      cause: error,
    });
  }
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
