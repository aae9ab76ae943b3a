import type { Job, PushResponse } from "../../generated/sieve.js";
import { SieveWaitTimeoutError } from "../errors/sieve-wait-timeout-error.js";

/** What `runJob` needs: push, wait and a best-effort cancel. */
export interface RunSteps {
  push(signal: AbortSignal | undefined): Promise<PushResponse>;
  wait(jobId: string): Promise<Job>;
  cancel(jobId: string): Promise<unknown>;
}

/**
 * Pushes a job, then waits for it. When the wait is aborted or times out and `cancelOnAbort`
 * holds, it cancels the job (`DELETE /jobs/{id}`, best effort: a failed cancel is ignored)
 * before rejecting, so an abandoned job does not keep billing. An already-aborted signal sends
 * nothing at all.
 *
 * @example
 * const job = await runJob(steps, { signal, cancelOnAbort: true });
 */
export async function runJob(
  steps: RunSteps,
  { signal, cancelOnAbort }: { signal: AbortSignal | undefined; cancelOnAbort: boolean },
): Promise<Job> {
  signal?.throwIfAborted();
  const { id } = await steps.push(signal);
  try {
    return await steps.wait(id);
  } catch (error) {
    const abandoned = signal?.aborted === true || error instanceof SieveWaitTimeoutError;
    if (abandoned && cancelOnAbort) await steps.cancel(id).catch(() => undefined);
    throw error;
  }
}
