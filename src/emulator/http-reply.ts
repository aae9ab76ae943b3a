import type { IncomingMessage, ServerResponse } from "node:http";
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

/**
 * Writes a reply. With `truncate`, writes the status, the headers (with the full
 * `content-length`) and the first half of the body, then destroys the socket.
 */
export function writeReply(res: ServerResponse, reply: Reply, { truncate = false } = {}): void {
  if (res.destroyed || res.writableEnded) return;
  const body = Buffer.from(reply.body, "utf8");
  // A 204 has no body, and no content-length either (RFC 9110).
  const length = reply.status === 204 ? {} : { "content-length": String(body.length) };
  res.writeHead(reply.status, { ...reply.headers, ...length });
  if (!truncate) {
    res.end(body);
    return;
  }
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

/**
 * Reads a request body as UTF-8, up to `limit` bytes; resolves `undefined` when it is larger.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
