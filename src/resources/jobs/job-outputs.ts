import type { FunctionIO, Job } from "../../../generated/sieve.js";

/**
 * A job's outputs as one flat list, in order: `[]` when `outputs` is absent or null, and an
 * item that is itself a list of outputs (a function returning several values at once) spread in
 * its place. What `jobs.outputs` yields, for a job you already hold.
 *
 * @example
 * const job = await sieve.jobs.wait(id);
 * for (const output of jobOutputs(job)) console.log(output.data);
 */
export function jobOutputs(job: Pick<Job, "outputs">): FunctionIO[] {
  return (job.outputs ?? []).flat();
}
