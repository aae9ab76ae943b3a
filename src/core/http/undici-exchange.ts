import type { IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";
import { errors, type Dispatcher } from "undici";
import { decodeBody, SUPPORTED_ENCODINGS } from "./decode-body.js";
import type { AttemptSignal, HttpResponse, ResponseHeaders } from "./http-types.js";
import { isKnownSmall, readBody, type BodyOrigin } from "./read-body.js";
import { ResponseFailure } from "./response-failure.js";

/**
 * Sends one request through `dispatcher` and reads its whole body as text, straight from
 * undici's dispatch handler: no `Dispatcher.request` response object, body stream or
 * `AbortSignal` per call. A body surely within `maxBytes` (`isKnownSmall`) is kept as the raw
 * chunks and decoded once at its end; any other (encoded, of unknown or large length) is
 * streamed through `decodeBody` and `readBody`, paused while they lag, and cut off past
 * `maxBytes` with a `ResponseFailure`. `attempt` aborts the request at any stage. Rejects with
 * undici's own error for a network failure, the abort reason for an abort.
 */
export function exchange(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  attempt: AttemptSignal,
  maxBytes: number,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const handler = new ExchangeHandler(resolve, reject, maxBytes);
    attempt.onAbort((reason) => handler.abort(reason));
    dispatcher.dispatch(options, handler);
  });
}

class ExchangeHandler implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | undefined;
  /** An abort that came before undici handed over its controller. */
  #pending: { reason: unknown } | undefined;
  #status = 0;
  #headers: ResponseHeaders | undefined;
  /** The raw chunks of a body read whole; undefined while streaming. */
  #chunks: Buffer[] | undefined;
  #length = 0;
  #stream: Readable | undefined;

  constructor(
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: unknown) => void,
    private readonly maxBytes: number,
  ) {}

  abort(reason: unknown): void {
    if (this.#controller) this.#controller.abort(reason as Error);
    else this.#pending = { reason };
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#pending) controller.abort(this.#pending.reason as Error);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    status: number,
    raw: IncomingHttpHeaders,
  ): void {
    // 1xx (103 Early Hints) come before the answer.
    if (status < 200) return;
    const headers = new UndiciHeaders(raw);
    this.#status = status;
    this.#headers = headers;
    const encoding = headers.get("content-encoding");
    if (isKnownSmall(encoding, headers.get("content-length"), this.maxBytes)) {
      this.#chunks = [];
      return;
    }
    const stream = new Readable({
      read: () => controller.resume(),
      destroy: (error, callback) => {
        // The reader stopped early (too large, undecodable): stop the download with it.
        if (!stream.readableEnded) controller.abort(error ?? new errors.RequestAbortedError());
        callback(error);
      },
    });
    this.#stream = stream;
    // Read at once, so that the stream's listeners are there before any of its events.
    readDecoded(stream, { status, headers }, this.maxBytes).then(
      (body) => this.resolve({ status, headers, body }),
      this.reject,
    );
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#chunks) {
      this.#chunks.push(chunk);
      this.#length += chunk.length;
    } else if (this.#stream && !this.#stream.push(chunk)) {
      controller.pause();
    }
  }

  onResponseEnd(): void {
    const chunks = this.#chunks;
    if (!chunks) return void this.#stream?.push(null);
    const headers = this.#headers as ResponseHeaders;
    this.resolve({ status: this.#status, headers, body: utf8Text(chunks, this.#length) });
  }

  onResponseError(_controller: unknown, error: Error): void {
    if (this.#stream) this.#stream.destroy(error);
    else this.reject(error);
  }
}

/** The chunks as UTF-8 text without a byte order mark, as undici's `body.text()` reads them. */
function utf8Text(chunks: Buffer[], length: number): string {
  if (length === 0) return "";
  const buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  return buffer.toString("utf8", bom ? 3 : 0);
}

/** Response headers as undici parses them: lower-case names, repeated ones as arrays. */
class UndiciHeaders implements ResponseHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    return joined(this.raw[name.toLowerCase()]);
  }

  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const name in this.raw) {
      const value = joined(this.raw[name]);
      if (value !== null) record[name] = value;
    }
    return record;
  }
}

function joined(value: string | string[] | undefined): string | null {
  return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
}

/** Reads `body` decoded per its Content-Encoding, or throws a `ResponseFailure` saying why not. */
async function readDecoded(body: Readable, origin: BodyOrigin, maxBytes: number): Promise<string> {
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
