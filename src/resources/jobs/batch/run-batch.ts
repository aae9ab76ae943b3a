import type { Concurrency, PushRequest, PushResponse } from "../../../../generated/sieve.js";
import type { RetryInfo } from "../../../core/config/client-options.js";
import type { RetryPolicy } from "../../../core/http/retry-decision.js";
import { resolveConcurrency } from "./batch-concurrency.js";
import { createProgress } from "./batch-progress.js";
import type { BatchOptions, BatchResult } from "./batch-types.js";
import { createItemSource, type ItemSource } from "./item-source.js";
import { openJournal, type OpenJournal } from "./journal-store.js";
import { createRateGate } from "./rate-gate.js";
import { createResultQueue } from "./result-queue.js";
import { runItem, type ItemContext, type RunItemJob } from "./run-item.js";

/** What a batch needs from the client: each item's run, single pushes, the account's limit. */
export interface BatchRunner {
  /** Runs one item as `jobs.run` does, with the batch's push step. */
  run: RunItemJob;
  /** One attempt of `POST /push` (`maxRetries: 0`): the batch decides about retries itself. */
  pushOnce(body: PushRequest, signal: AbortSignal): Promise<PushResponse>;
  /** `GET /user/concurrency`. */
  readConcurrency(signal: AbortSignal): Promise<Concurrency>;
  reportRetry(info: RetryInfo): void;
  retryPolicy: RetryPolicy;
}

/**
 * Runs every request of `requests` as `jobs.run` would, `concurrency` at a time, and yields
 * each item's result once, as it ends. Nothing starts before the first `next()`: then the
 * journal is loaded (a failure ends the iteration with `SieveJournalError`, nothing sent) and
 * the concurrency decided. Each worker reads one request, runs it to its end, and reads the
 * next; a worker takes no new request while `concurrency` results wait for the consumer.
 *
 * The batch stops on its `signal`, and when the consumer stops iterating (`break`): no request
 * is read any more and every running item is stopped as `run` stops (its job cancelled). After
 * an abort the items already read are still yielded; after a `break`, `return()` resolves once
 * they have stopped (their ends journalled). A failure of `requests` itself is thrown once every
 * item read before it has been yielded.
 */
export async function* runBatch<R>(
  requests: Iterable<R> | AsyncIterable<R>,
  options: BatchOptions,
  runner: BatchRunner,
): AsyncGenerator<BatchResult<R>, void, undefined> {
  const stop = new AbortController();
  const { signal } = options;
  const onAbort = () => stop.abort(signal?.reason);
  if (signal?.aborted) return;
  signal?.addEventListener("abort", onAbort, { once: true });
  let source: ItemSource<R> | undefined;
  const workers: Array<Promise<unknown>> = [];
  const workerSignals = new Set<AbortController>();
  stop.signal.addEventListener(
    "abort",
    () => workerSignals.forEach((worker) => worker.abort(stop.signal.reason)),
    { once: true },
  );
  let journal: OpenJournal | undefined;
  try {
    source = createItemSource(requests);
    journal = await openJournal(options.journal);
    const limit = await resolveConcurrency(
      options.concurrency,
      runner.readConcurrency,
      stop.signal,
    );
    const queue = createResultQueue<BatchResult<R>>(limit.concurrency);
    const ctx: ItemContext = {
      ...runner,
      gate: createRateGate(),
      journal,
      progress: createProgress(limit, options.onProgress),
      stop: stop.signal,
    };
    const items = source;
    const work = async () => {
      // Each worker listens to a signal of its own: the batch's would get one listener per
      // worker, past what runtimes accept without warning of a leak.
      const own = followedBy(stop.signal, workerSignals);
      const itemCtx = { ...ctx, stop: own.signal };
      for (;;) {
        await queue.room(own.signal);
        const item = await items.take(own.signal);
        if (!item) return workerSignals.delete(own);
        ctx.progress.taken();
        queue.put(await runItem(item, itemCtx));
      }
    };
    for (let i = 0; i < limit.concurrency; i++) workers.push(work());
    void Promise.allSettled(workers).then(() => queue.close());
    for (let result = await queue.take(); result; result = await queue.take()) yield result;
    if (source.failure) throw source.failure.error;
  } catch (error) {
    // Aborted while the journal or the limit was read: nothing was read from `requests`.
    if (!stop.signal.aborted || error !== stop.signal.reason) throw error;
  } finally {
    if (!stop.signal.aborted)
      stop.abort(new DOMException("The batch's iteration was stopped.", "AbortError"));
    signal?.removeEventListener("abort", onAbort);
    await Promise.allSettled(workers);
    source?.close();
    await journal?.close();
  }
}

/** A controller that `followers` aborts when `signal` does (one listener for them all). */
function followedBy(signal: AbortSignal, followers: Set<AbortController>): AbortController {
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else followers.add(controller);
  return controller;
}
