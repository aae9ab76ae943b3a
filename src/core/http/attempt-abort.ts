import type { AttemptSignal } from "./http-types.js";

/**
 * The transport's handle on one attempt (and its redirect hops): `abort(reason)` ends it, on
 * its time limit or the caller's abort. It makes an `AbortController` only when a sender reads
 * `signal` (fetch needs one); a sender that registers `onAbort` (undici's, which stops its
 * request through undici's own controller) costs no `AbortSignal` at all. Making a signal and
 * listening to it cost more than a bare undici request to a local server does.
 */
export class AttemptAbort implements AttemptSignal {
  aborted = false;
  reason: unknown = undefined;
  #controller: AbortController | undefined;
  #listeners: Array<(reason: unknown) => void> | undefined;

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  onAbort(listener: (reason: unknown) => void): void {
    if (this.aborted) listener(this.reason);
    else (this.#listeners ??= []).push(listener);
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners) for (const listener of listeners) listener(reason);
  }
}
