import type { FunctionIO } from "../../generated/sieve.js";
import { SieveRateLimitError } from "../errors/status-errors.js";
import { backoffDelay } from "../http/backoff.js";
import { abortableSleep } from "../utils/abortable-sleep.js";
import { isTransientError } from "./is-transient-error.js";
import type { JobReader } from "./job-reader.js";
import { pollDelay, type PollSchedule } from "./poll-schedule.js";
import { throwIfJobFailed } from "./wait-for-job.js";

/**
 * Yields each output of a job exactly once, in order, as it appears. Each poll asks only for
 * outputs not yet seen (`GET /jobs/{id}?offset=N`, N = outputs yielded so far), so a failed poll
 * loses nothing and repeats nothing. Polls fast again as soon as a new output arrives; ends when
 * the job finishes; throws `SieveJobFailedError` or `SieveJobCancelledError`.
 *
 * @example
 * for await (const output of streamOutputs(readJob, id, schedule, signal)) console.log(output.data);
 */
export async function* streamOutputs(
  read: JobReader,
  jobId: string,
  schedule: PollSchedule,
  signal: AbortSignal | undefined,
): AsyncGenerator<FunctionIO, void, undefined> {
  let offset = 0;
  let idlePolls = 0;
  let failures = 0;
  for (;;) {
    signal?.throwIfAborted();
    let delay: number;
    try {
      const job = await read(jobId, offset, { signal, timeoutMs: undefined });
      failures = 0;
      for (const output of job.outputs) {
        offset++;
        yield output;
      }
      if (job.status === "finished") return;
      throwIfJobFailed(job);
      idlePolls = job.outputs.length > 0 ? 0 : idlePolls + 1;
      delay = pollDelay(idlePolls, schedule);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!isTransientError(error)) throw error;
      const asked = error instanceof SieveRateLimitError ? error.retryAfterMs : undefined;
      delay = asked ?? backoffDelay(failures++);
    }
    await abortableSleep(delay, signal);
  }
}
