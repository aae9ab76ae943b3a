import { Transform, type Readable } from "node:stream";
import {
  constants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
} from "node:zlib";

/** The encodings `decodeBody` undoes, as `fetch` does; `identity` means none. */
export const SUPPORTED_ENCODINGS = ["gzip", "x-gzip", "deflate", "br"];

/** A body stream once decoded, and how to tell a decoding failure from the body's own. */
export interface DecodedBody {
  /** The decoded bytes; the raw body itself when nothing was encoded. */
  stream: Readable;
  /** True when `error` came from a decoder (a corrupt body), not from the connection. */
  isDecodeError(error: unknown): boolean;
  /** Ends the raw body and every decoder, e.g. after reading stopped early. */
  destroy(): void;
}

/**
 * Undoes the `Content-Encoding` of a Node body stream (undici's), streaming: `gzip`, `deflate`
 * (zlib-wrapped or raw, as fetch takes both) and `br` through `node:zlib`, in reverse order when several are listed. For an encoding it
 * does not know it returns `{ unknown }` instead, the raw stream untouched.
 */
export function decodeBody(
  body: Readable,
  contentEncoding: string | undefined,
): DecodedBody | { unknown: string[] } {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  // Listened to at once: destroying the body (as the caller does when it stops early) emits one.
  const fromBody = new Set<unknown>();
  body.on("error", (error) => fromBody.add(error));
  const unknown = codings.filter((coding) => !SUPPORTED_ENCODINGS.includes(coding));
  if (unknown.length > 0) return { unknown };
  const streams: Readable[] = [body];
  let last: Readable = body;
  for (const coding of codings.reverse()) {
    const decoder = createDecoder(coding);
    const source = last;
    source.on("error", (error) => decoder.destroy(error));
    source.pipe(decoder);
    streams.push(decoder);
    last = decoder;
  }
  return {
    stream: last,
    isDecodeError: (error) => streams.length > 1 && !fromBody.has(error),
    destroy: () => {
      for (const stream of streams) stream.destroy();
    },
  };
}

function createDecoder(coding: string): Transform {
  if (coding === "br") {
    const flush = constants.BROTLI_OPERATION_FLUSH;
    return createBrotliDecompress({ flush, finishFlush: flush });
  }
  return coding === "deflate" ? createDeflateDecoder() : createGunzip(LENIENT);
}

/** Lenient on a missing trailer, as fetch is. */
const LENIENT = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };

/**
 * A `deflate` decoder for both forms servers send, as fetch does: zlib-wrapped (RFC 1950, the
 * standard) or raw deflate (RFC 1951) without the header. The first byte tells: a zlib header's
 * low nibble is 8 (the deflate method); anything else is taken as raw deflate.
 */
function createDeflateDecoder(): Transform {
  let inner: Transform | undefined;
  const outer: Transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.length === 0) return callback();
      if (!inner) {
        const zlib = ((chunk[0] as number) & 0x0f) === 0x08;
        inner = zlib ? createInflate(LENIENT) : createInflateRaw(LENIENT);
        inner.on("data", (data: Buffer) => outer.push(data));
        inner.on("error", (error) => outer.destroy(error));
      }
      if (inner.write(chunk)) callback();
      else inner.once("drain", () => callback());
    },
    flush(callback) {
      if (!inner) return callback();
      inner.once("end", () => callback());
      inner.end();
    },
    destroy(error, callback) {
      inner?.destroy();
      callback(error);
    },
  });
  return outer;
}
