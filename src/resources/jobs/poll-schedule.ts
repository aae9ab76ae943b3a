/** How often a wait polls: fast at first, then backing off to a cap. */
export interface PollSchedule {
  /** The first delay between polls, in milliseconds. */
  intervalMs: number;
  /** The longest delay between polls, in milliseconds. */
  maxIntervalMs: number;
}

/**
 * Polls at 0, then 500 ms, growing 1.5× per poll to a 3 s cap: a job that ends within its first
 * seconds is seen within a fraction of a second, and a long job costs one request per 3 s, fewer
 * requests than the 1 s loop most users write by hand (see the README's benchmarks).
 */
export const DEFAULT_POLL_SCHEDULE: PollSchedule = { intervalMs: 500, maxIntervalMs: 3_000 };

const GROWTH = 1.5;
const JITTER = 0.1;

/**
 * The delay before poll number `index + 1`: `intervalMs × 1.5^index`, capped at
 * `maxIntervalMs`, less up to 10 % of jitter so that thousands of waits started together do not
 * poll in lockstep.
 */
export function pollDelay(
  index: number,
  schedule: PollSchedule,
  random: () => number = Math.random,
): number {
  const delay = Math.min(schedule.intervalMs * GROWTH ** index, schedule.maxIntervalMs);
  return Math.round(delay * (1 - JITTER * random()));
}
