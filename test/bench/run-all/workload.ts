import type { PushJobRequest } from "../../../src/node.js";
import { seededRandom } from "../support/stats.js";

/** The function the runAll benchmark's emulator serves: sleeps `inputs.ms`, returns `inputs.n`. */
export const BENCH_FUNCTION = "bench/short";

/** The shortest and longest run of a job, in ms: every job ends within a short time. */
export const JOB_MS = { min: 50, max: 300 } as const;

/**
 * The requests of a runAll benchmark batch, read lazily: item `n` carries its index (`n`, the
 * marker the emulator counts jobs by) and how long its job runs (`ms`, seeded, so that a rerun
 * with the same seed sends the very same requests, as a journal demands).
 */
export function* benchRequests(jobs: number, seed: number): Generator<PushJobRequest> {
  const random = seededRandom(seed);
  for (let n = 0; n < jobs; n++) {
    const ms = JOB_MS.min + Math.floor(random() * (JOB_MS.max - JOB_MS.min));
    yield { function: BENCH_FUNCTION, inputs: { n, ms } };
  }
}
