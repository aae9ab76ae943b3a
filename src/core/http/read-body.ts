import { ResponseFailure } from "./response-failure.js";
import type { ResponseHeaders } from "./http-types.js";

/** The response a body belongs to, for the failure when it is too large. */
export interface BodyOrigin {
  status: number;
  headers: ResponseHeaders;
}

/**
 * Reads a body of decoded chunks as UTF-8 text, counting bytes as they arrive and stopping
 * (with a `ResponseFailure` of kind `too-large`) at the first chunk past `maxBytes`: no more
 * than `maxBytes` (plus one chunk) is ever held. Leaving the loop early ends the iterable, so
 * the stream under it is cancelled or destroyed.
 */
export async function readBody(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  origin: BodyOrigin,
): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes, origin);
    parts.push(decoder.decode(chunk, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}

/**
 * True when a body is surely within `maxBytes` without counting it: not encoded (decoding would
 * grow it to an unknown size) and with a `Content-Length` under the limit, which both fetch and
 * undici hold the body to. Such a body is read whole, much more cheaply than streamed.
 */
export function isKnownSmall(
  contentEncoding: string | null | undefined,
  contentLength: string | null | undefined,
  maxBytes: number,
): boolean {
  if (contentEncoding && contentEncoding.trim().toLowerCase() !== "identity") return false;
  return (
    typeof contentLength === "string" &&
    /^\d{1,15}$/.test(contentLength) &&
    Number(contentLength) <= maxBytes
  );
}

/**
 * The chunks of a web `ReadableStream`, through its reader (async iteration of streams is not
 * in every runtime). Stopping early cancels the stream, which ends the download.
 */
export async function* streamChunks(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      yield next.value;
    }
    done = true;
  } finally {
    if (!done) reader.cancel().catch(() => undefined);
  }
}

function tooLarge(maxBytes: number, origin: BodyOrigin): ResponseFailure {
  const detail =
    `the response body is larger than maxResponseBytes (${maxBytes} bytes), so reading stopped; ` +
    "if such a body is expected, raise the limit with createSieveClient({ maxResponseBytes })";
  return new ResponseFailure("too-large", origin.status, origin.headers, detail);
}
