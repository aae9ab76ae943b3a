import { SieveApiError, type ApiErrorInit } from "./sieve-api-error.js";

/**
 * A response whose body was larger than the client's `maxResponseBytes` (decoded bytes): the
 * client stopped reading at the limit instead of holding an unbounded body. `status` is the
 * response's. Never retried, since the same server would send the same body again; raise the
 * limit with `createSieveClient({ maxResponseBytes })` if such a body is expected.
 *
 * @example
 * if (error instanceof SieveResponseTooLargeError) console.error(`over ${error.maxResponseBytes} bytes`);
 */
export class SieveResponseTooLargeError extends SieveApiError {
  override name = "SieveResponseTooLargeError";
  /**
   * The limit the body went past, in bytes.
   *
   * @example
   * if (error instanceof SieveResponseTooLargeError) console.error(`body over ${error.maxResponseBytes} bytes`);
   */
  readonly maxResponseBytes: number;

  constructor(init: ApiErrorInit & { maxResponseBytes: number }) {
    super(init);
    this.maxResponseBytes = init.maxResponseBytes;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), maxResponseBytes: this.maxResponseBytes };
  }
}
