import { formatElapsed } from "./status-line.js";

/** What the progress bar of many jobs shows. */
export interface ProgressBarState {
  /** How many jobs in all. */
  total: number;
  /** Not started yet. */
  queued: number;
  /** Being pushed, waited for or cancelled. */
  running: number;
  finished: number;
  failed: number;
  cancelled: number;
  /** Milliseconds since the command started. */
  elapsedMs: number;
  /** Jobs ended per second lately, when known. */
  ratePerSecond: number | undefined;
  /** Milliseconds left at that rate, when known. */
  etaMs: number | undefined;
}

/** The widest the bar itself gets, in characters. */
const MAX_BAR = 30;
/** Narrower than this, the bar is left out and only the counts are shown. */
const MIN_BAR = 8;

/**
 * One line: a bar of the jobs ended out of `total`, the counts, the rate, the time left and the
 * time elapsed, e.g. `[██████░░░░] 40/100  50 queued  10 running  38 finished  2 failed
 * 0 cancelled  4.2 jobs/s  ETA 15s  9.6s`. Within `width` (less one: a line as wide as the
 * terminal wraps, and a wrapped line cannot be redrawn in place), what fits first of: all of
 * it; without the bar; without the time elapsed; with `/s` for `jobs/s`; that cut with `…`.
 */
export function renderProgressBar(state: ProgressBarState, width?: number): string {
  const ended = state.finished + state.failed + state.cancelled;
  const counts = [
    `${ended}/${state.total}`,
    `${state.queued} queued`,
    `${state.running} running`,
    `${state.finished} finished`,
    `${state.failed} failed`,
    `${state.cancelled} cancelled`,
  ];
  const rate = state.ratePerSecond === undefined ? "-" : formatRate(state.ratePerSecond);
  const eta = state.etaMs === undefined ? "ETA -" : `ETA ${formatEta(state.etaMs)}`;
  const elapsed = formatElapsed(state.elapsedMs);
  const variants = [
    [...counts, `${rate} jobs/s`, eta, elapsed],
    [...counts, `${rate} jobs/s`, eta],
    [...counts, `${rate}/s`, eta],
  ].map((parts) => parts.join("  "));
  const fits = width === undefined ? variants[0] : variants.find((text) => text.length < width);
  if (fits === undefined) {
    const shortest = variants.at(-1) ?? "";
    return width !== undefined && width >= 2 ? `${shortest.slice(0, width - 2)}…` : shortest;
  }
  const room = width === undefined ? MAX_BAR : Math.min(MAX_BAR, width - 1 - fits.length - 1);
  return room >= MIN_BAR ? `${bar(ended, state.total, room)} ${fits}` : fits;
}

/** `[███░░░]`: `done` of `total` as `size` cells between brackets. */
function bar(done: number, total: number, size: number): string {
  const cells = size - 2;
  const full = total > 0 ? Math.min(cells, Math.floor((done / total) * cells)) : cells;
  return `[${"█".repeat(full)}${"░".repeat(cells - full)}]`;
}

/** A rate with one decimal under 10, else whole. */
export function formatRate(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(1) : String(Math.round(perSecond));
}

/** Time left, to the second (rounded up): `34s`, `1m04s`, `2h00m05s`. */
export function formatEta(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return seconds < 60 ? `${seconds}s` : formatElapsed(seconds * 1000);
}

/** The rate of events over a sliding window, on a clock given at each call. */
export interface RateMeter {
  /** An event happened at `at` (ms). */
  record(at: number): void;
  /** Events per second over the window ending at `now`; undefined before the first event. */
  rate(now: number): number | undefined;
}

/**
 * A rate over the last `windowMs` (default 5 minutes, a few GPU jobs long), counted from
 * `startedAt` while the meter is younger than the window, and over at least one second, so that
 * the first event does not read as a thousand per second. A window follows a batch that slows
 * down (a rerun's resumed jobs end at once, new ones take their time) better than the average
 * since the start would.
 */
export function createRateMeter(startedAt: number, windowMs = 300_000): RateMeter {
  const events: number[] = [];
  const forget = (now: number) => {
    const oldest = events.findIndex((at) => at > now - windowMs);
    events.splice(0, oldest === -1 ? events.length : oldest);
  };
  return {
    record(at) {
      events.push(at);
    },
    rate(now) {
      forget(now);
      if (events.length === 0) return undefined;
      const span = Math.max(1_000, Math.min(windowMs, now - startedAt));
      return (events.length * 1_000) / span;
    },
  };
}

/** Milliseconds to end `remaining` events at `perSecond`; undefined when unknown. */
export function timeLeftMs(remaining: number, perSecond: number | undefined): number | undefined {
  if (remaining <= 0) return 0;
  if (perSecond === undefined || perSecond <= 0) return undefined;
  return (remaining / perSecond) * 1_000;
}
