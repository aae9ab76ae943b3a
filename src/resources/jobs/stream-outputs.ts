import type { FunctionIO } from "../../../generated/sieve.js";
import { createJobPoller, STANDALONE_POLL_CONTEXT, type PollContext } from "./job-poller.js";
import type { JobReader } from "./job-reader.js";
import { pollDelay, type PollSchedule } from "./poll-schedule.js";
import { throwIfJobFailed } from "./wait-for-job.js";

/**
 * Yields each output of a job exactly once, in order, as it appears, on the shared poll loop.
 * Each poll asks only for outputs not yet seen (`GET /jobs/{id}?offset=N`, N = outputs yielded
 * so far), so a failed poll loses nothing and repeats nothing. Polls fast again as soon as a new
 * output arrives; ends when the job finishes; throws `SieveJobFailedError` or
 * `SieveJobCancelledError`. A job without `outputs` (absent or null) has none yet.
 */
export async function* streamOutputs(
  read: JobReader,
  jobId: string,
  schedule: PollSchedule,
  signal: AbortSignal | undefined,
  context: PollContext = STANDALONE_POLL_CONTEXT,
): AsyncGenerator<FunctionIO, void, undefined> {
  const poller = createJobPoller(read, jobId, {
    signal,
    timeoutMs: undefined,
    context,
    minDelayMs: schedule.intervalMs,
  });
  let offset = 0;
  let idlePolls = 0;
  for (;;) {
    const job = await poller.read(offset);
    if (!job) continue;
    // `offset` counts the items Sieve lists; an item that is itself a list is yielded flat.
    const outputs = job.outputs ?? [];
    for (const item of outputs) {
      offset++;
      if (Array.isArray(item)) yield* item;
      else yield item;
    }
    if (job.status === "finished") return;
    throwIfJobFailed(job);
    idlePolls = outputs.length > 0 ? 0 : idlePolls + 1;
    await poller.sleep(pollDelay(idlePolls, schedule));
  }
}
