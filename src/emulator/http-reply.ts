import type { ServerResponse } from "node:http";
import type { EmulatorRequest, EmulatorResponse } from "./dual-protocol-server.js";
import type { ValidationIssue } from "../../generated/sieve.js";

/** A response the emulator has decided on but not yet written. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A JSON response.
 */
export function jsonReply(status: number, value: unknown): Reply {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}

/**
 * An error response in Sieve's `{"detail": "..."}` shape.
 */
export function detailReply(status: number, detail: string): Reply {
  return jsonReply(status, { detail });
}

/**
 * A 422 in FastAPI's shape, `{"detail": [{loc, msg, type}]}`.
 */
export function validationReply(issues: ValidationIssue[]): Reply {
  return jsonReply(422, { detail: issues });
}

/** Headers that belong to one HTTP/1.1 connection; HTTP/2 forbids them (RFC 9113, 8.2.2). */
const CONNECTION_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade"]);

/**
 * Writes a reply. With `breakHalfway`, writes the status, the headers (with the full
 * `content-length`) and the first half of the body, then calls it to break the exchange.
 */
export function writeReply(
  res: EmulatorResponse,
  reply: Reply,
  { breakHalfway }: { breakHalfway?: (() => void) | undefined } = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  const body = Buffer.from(reply.body, "utf8");
  // A 204 has no body, and no content-length either (RFC 9110).
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status !== 204) headers["content-length"] = String(body.length);
  if ("stream" in res) for (const name of CONNECTION_HEADERS) delete headers[name];
  res.writeHead(reply.status, headers);
  if (!breakHalfway) {
    res.end(body);
    return;
  }
  (res as ServerResponse).write(body.subarray(0, Math.floor(body.length / 2)), breakHalfway);
}

/**
 * Reads a request body as UTF-8, up to `limit` bytes; resolves `undefined` when it is larger.
 */
export async function readBody(req: EmulatorRequest, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
