/**
 * Order statistics for benchmark samples.
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * The `p`-th percentile (0-100) of `values`, by linear interpolation between the nearest ranks;
 * `NaN` for no values.
 *
 * @example
 * percentile([1, 2, 3, 4], 50); // 2.5
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (rank - low);
}

/**
 * The largest of `values`, `NaN` for none.
 *
 * @example
 * maximum([1, 5, 2]); // 5
 */
export function maximum(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => Math.max(a, b));
}

/**
 * Rounds to `digits` decimals, for figures meant to be read.
 *
 * @example
 * round(3.14159, 2); // 3.14
 */
export function round(value: number, digits = 0): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export { seededRandom } from "../../support/seeded-random.js";

/**
 * Rotates `items` left by `by` places: round `n` of a comparison starts with contender `n`, so
 * that no contender always runs first (on a cold cache) or last (after everyone's garbage).
 *
 * @example
 * rotate(["a", "b", "c"], 1); // ["b", "c", "a"]
 */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
