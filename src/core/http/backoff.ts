const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/**
 * The wait before retry number `retry` (0 for the first) when the server gave no `Retry-After`:
 * 0.5 s × 2^retry, capped at 8 s, less up to 25 % of jitter so that many clients that failed
 * together do not retry together.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const delay = Math.min(BASE_DELAY_MS * 2 ** retry, MAX_DELAY_MS);
  return Math.round(delay * (1 - 0.25 * random()));
}
