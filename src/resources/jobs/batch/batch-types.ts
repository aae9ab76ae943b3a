import type { Job } from "../../../../generated/sieve.js";
import type { SieveError } from "../../../core/errors/sieve-error.js";
import type { BatchJournal } from "./journal-types.js";

/**
 * The options of `sieve.jobs.runAll` that belong to the batch as a whole (the others are those
 * of each item's run: see `RunAllOptions`).
 *
 * @example
 * const options: BatchOptions = { concurrency: 20, journal: "./batch.journal" };
 * for await (const result of sieve.jobs.runAll(requests, options)) console.log(result.index);
 */
export interface BatchOptions {
  /**
   * How many items run at once (1 to 10 000), each from its push to its job's end (default: the
   * organization's `max_concurrency` from `sieve.account.concurrency()`, read once at the
   * start, at most 100). Never above `max_concurrency`; when it cannot be read, this value, or
   * 10 without one (`BatchProgress.concurrencySource` says which).
   *
   * @example
   * sieve.jobs.runAll(requests, { concurrency: 5 });
   */
  concurrency?: number;
  /**
   * Stops the batch: no further push, and every job running is cancelled (`jobs.cancel`); each
   * item taken is still reported (`SieveRunAbortedError` with its `cancellation`), then the
   * iteration ends. Requests not yet read from `requests` are not read.
   *
   * @example
   * sieve.jobs.runAll(requests, { signal: AbortSignal.timeout(60 * 60_000) });
   */
  signal?: AbortSignal;
  /**
   * Called with the counts at the start and on every change. An observer: what it throws (or a
   * promise it returns that rejects) is ignored.
   *
   * @example
   * sieve.jobs.runAll(requests, { onProgress: (p) => console.log(`${p.finished} done, ${p.running} running`) });
   */
  onProgress?: (progress: BatchProgress) => void;
  /**
   * Makes the batch resumable: a file path (Node, Bun and Deno: JSON lines appended to it) or
   * your own store (`BatchJournal`). Each step is written before it is acted on; a rerun with
   * the same journal and the same requests pushes only the items that never left, waits on the
   * jobs already pushed, and reports as ambiguous a push whose answer was never recorded.
   *
   * @example
   * sieve.jobs.runAll(requests, { journal: "./dubbing-batch.jsonl" });
   */
  journal?: string | BatchJournal;
}

/**
 * Where the batch's concurrency came from: `options` (yours, within the organization's limit),
 * `account` (the organization's `max_concurrency`, at most 100, or your value lowered to it),
 * `fallback` (the limit could not be read: your value, or 10).
 *
 * @example
 * const note = (source: ConcurrencySource) => (source === "fallback" ? "limit unknown" : source);
 */
export type ConcurrencySource = "options" | "account" | "fallback";

/**
 * The batch's counts, given to `onProgress`. Every item read from `requests` is in exactly one
 * of `queued`, `running`, `finished`, `failed` and `cancelled`.
 *
 * @example
 * const line = (p: BatchProgress) => `${p.finished + p.failed + p.cancelled} reported, ${p.running} running`;
 */
export interface BatchProgress {
  /**
   * Read from `requests`, not started yet (waiting for a rate-limit pause to end).
   *
   * @example
   * onProgress: (p) => p.queued > 0 && console.log(`${p.queued} waiting for the rate limit`);
   */
  queued: number;
  /**
   * Being pushed, waited for or cancelled.
   *
   * @example
   * onProgress: (p) => console.log(`${p.running} of ${p.concurrency} slots busy`);
   */
  running: number;
  /**
   * Reported with a finished job.
   *
   * @example
   * onProgress: (p) => console.log(`${p.finished} finished`);
   */
  finished: number;
  /**
   * Reported with an error other than a cancel: bad request, failed job, push refused or
   * ambiguous, time out...
   *
   * @example
   * onProgress: (p) => p.failed > 0 && console.warn(`${p.failed} failed`);
   */
  failed: number;
  /**
   * Reported cancelled: stopped by the batch's `signal`, or the job was cancelled by someone else.
   *
   * @example
   * onProgress: (p) => console.log(`${p.cancelled} cancelled`);
   */
  cancelled: number;
  /**
   * How many items run at once.
   *
   * @example
   * onProgress: (p) => console.log(`concurrency ${p.concurrency} (${p.concurrencySource})`);
   */
  concurrency: number;
  /**
   * Where `concurrency` came from.
   *
   * @example
   * onProgress: (p) => p.concurrencySource === "fallback" && console.warn(p.concurrencyError?.message);
   */
  concurrencySource: ConcurrencySource;
  /**
   * Why the organization's limit could not be read, when `concurrencySource` is `fallback`.
   *
   * @example
   * onProgress: (p) => p.concurrencyError && console.warn("concurrency limit unknown:", p.concurrencyError.message);
   */
  concurrencyError?: SieveError;
}

/**
 * What `sieve.jobs.runAll` reports for each request, exactly once, in the order the items end:
 * a finished job (`job`), or an `error`.
 *
 * @example
 * for await (const result of sieve.jobs.runAll(requests)) {
 *   if (result.job) console.log(result.index, result.job.outputs);
 *   else console.error(result.index, result.error.message, result.jobMayExist);
 * }
 */
export type BatchResult<R = unknown> = BatchJobResult<R> | BatchErrorResult<R>;

/**
 * An item whose job finished.
 *
 * @example
 * const outputsOf = (result: BatchJobResult) => result.job.outputs;
 */
export interface BatchJobResult<R = unknown> {
  /**
   * The request's position in `requests`, from 0.
   *
   * @example
   * results[result.index] = result;
   */
  index: number;
  /**
   * The request, as given.
   *
   * @example
   * console.log(result.request);
   */
  request: R;
  /**
   * The finished job, as `jobs.run` resolves with it.
   *
   * @example
   * if (result.job) console.log(result.job.id, result.job.outputs);
   */
  job: Job;
  /**
   * The job's id (`job.id`).
   *
   * @example
   * finishedIds.push(result.jobId);
   */
  jobId: string;
  /**
   * Never set on a finished item.
   *
   * @example
   * if (!result.error) console.log(result.job.status); // "finished"
   */
  error?: undefined;
  /**
   * True when the job was pushed by an earlier run recorded in the journal.
   *
   * @example
   * if (result.resumed) console.log(`job ${result.job?.id ?? "?"} came from the journal`);
   */
  resumed: boolean;
}

/**
 * An item that did not end with a finished job. `error` is a `SieveInputError` (a bad request,
 * nothing sent), the push's error (a 4xx: no job created), a `SieveAmbiguousPushError` (the
 * push may have created a job: never sent again), `SieveJobFailedError`,
 * `SieveJobCancelledError`, a `SieveRunAbortedError` (the batch was aborted, or `timeoutMs`
 * ran out: its `cancellation` says what became of the job) or a `SieveJournalError`.
 *
 * @example
 * const mayRetry = (result: BatchErrorResult) => !result.jobMayExist;
 */
export interface BatchErrorResult<R = unknown> {
  /**
   * The request's position in `requests`, from 0.
   *
   * @example
   * failed.push(result.index);
   */
  index: number;
  /**
   * The request, as given.
   *
   * @example
   * retryLater.push(result.request);
   */
  request: R;
  /**
   * Never set on an item that failed.
   *
   * @example
   * if (!result.job) console.error(result.error.message);
   */
  job?: undefined;
  /**
   * Why the item did not finish.
   *
   * @example
   * if (result.error instanceof SieveJobFailedError) console.error(result.error.jobError);
   */
  error: SieveError;
  /**
   * The item's job, when one was pushed and its id is known.
   *
   * @example
   * if (result.error && result.jobId) console.log(`see job ${result.jobId}`);
   */
  jobId: string | undefined;
  /**
   * False only when no job was created for this item: it is safe to push it again.
   *
   * @example
   * if (result.error && !result.jobMayExist) retry.push(result.request);
   */
  jobMayExist: boolean;
  /**
   * True when the item's push was recorded by an earlier run (see `BatchJobResult.resumed`).
   *
   * @example
   * if (result.error && result.resumed) console.warn("recorded by an earlier run:", result.error.message);
   */
  resumed: boolean;
}
