import type { Webhook, WebhookEvent } from "../../generated/sieve.js";

/**
 * POSTs webhook events as JSON. Deliveries of one job go one after another, so a receiver
 * sees `job.start`, each `job.new_output` and `job.complete` in order. A failed delivery (no
 * answer, an error status, a timeout) is dropped without a word and never retried.
 */
export class WebhookSender {
  readonly #timeoutMs: number;
  readonly #closing = new AbortController();
  readonly #chains = new Map<string, Promise<void>>();

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Queues `event` for every webhook of its type, after the job's earlier deliveries.
   */
  send(jobId: string, webhooks: readonly Webhook[], event: WebhookEvent): void {
    if (this.#closing.signal.aborted) return;
    const urls = webhooks.filter((webhook) => webhook.type === event.type).map((w) => w.url);
    if (urls.length === 0) return;
    const body = JSON.stringify(event);
    const previous = this.#chains.get(jobId) ?? Promise.resolve();
    const chain = previous.then(async () => {
      for (const url of urls) await this.#deliver(url, body);
    });
    this.#chains.set(jobId, chain);
    void chain.then(() => {
      if (this.#chains.get(jobId) === chain) this.#chains.delete(jobId);
    });
  }

  /**
   * Aborts every delivery in flight, drops the queued ones, and resolves once all have settled.
   */
  async close(): Promise<void> {
    this.#closing.abort();
    await Promise.all(this.#chains.values());
  }

  async #deliver(url: string, body: string): Promise<void> {
    if (this.#closing.signal.aborted) return;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.any([this.#closing.signal, AbortSignal.timeout(this.#timeoutMs)]),
      });
      await response.arrayBuffer();
    } catch {
      // A receiver that is down or slow is the receiver's problem, as with the real Sieve.
    }
  }
}
