import type { IntervalHistogram } from "node:perf_hooks";
import { maximum, percentile, round } from "../support/stats.js";
import type { TcpCounters } from "../support/tcp-counters.js";

/** What the emulator child reports after a round. */
export interface EmulatorReport {
  /** When each job finished, ms since the epoch, by id. */
  completedAt: Record<string, number>;
  /** `GET /jobs/{id}` and `GET /jobs/{id}/await` requests received during the round. */
  jobGets: number;
  /** All requests received during the round. */
  requests: number;
}

/** The figures of one round of the waiting benchmark. */
export interface WaitRoundResult {
  type: "result";
  mode: string;
  jobs: number;
  /** Waits that rejected, plus failed requests of the naive loop. */
  failures: number;
  /** Requests the emulator received while the waits ran. */
  totalRequests: number;
  requestsPerJob: number;
  /** Job finished in the emulator -> wait resolved in the client, in ms. */
  latencyMs: { p50: number; p99: number; max: number };
  /**
   * Event-loop delay of the client process, in ms: how late a timer of `monitorEventLoopDelay`
   * fired, i.e. each sample less the sampling resolution (a sample is the whole interval).
   */
  loopDelayMs: { p99: number; max: number; resolution: number };
  /** Resident memory of the client process, in MB. */
  rssMb: { before: number; peak: number; growth: number };
  /** Release -> last wait resolved, in ms. */
  elapsedMs: number;
  /** First wait called -> every job read once by the emulator (waits in place), in ms. */
  placedMs: number;
  /** CPU time of the client process while waiting, in ms. */
  cpuMs: number;
  /** Machine-wide TCP listen-queue overflows and SYN retransmits during the round (Linux). */
  tcp: TcpCounters | undefined;
}

/** The raw measurements of a round. */
export interface RoundMeasurements {
  mode: string;
  ids: readonly string[];
  resolvedAt: readonly (number | undefined)[];
  report: EmulatorReport;
  failures: number;
  elapsedMs: number;
  placedMs: number;
  cpuMs: number;
  rssBefore: number;
  rssPeak: number;
  loopDelay: IntervalHistogram;
  /** The resolution `loopDelay` was created with, in ms. */
  loopDelayResolutionMs: number;
  tcp: TcpCounters | undefined;
}

const MB = 1024 * 1024;

/**
 * Turns a round's measurements into its figures. A job whose wait never resolved, or whose end
 * the emulator did not report, counts as a failure rather than a latency.
 *
 * @example
 * emit(summarizeRound({ mode: "sieve", ids, resolvedAt, report, ... }));
 */
export function summarizeRound(m: RoundMeasurements): WaitRoundResult {
  const latencies: number[] = [];
  let unmatched = 0;
  m.ids.forEach((id, n) => {
    const resolved = m.resolvedAt[n];
    const completed = m.report.completedAt[id];
    if (resolved === undefined || completed === undefined) unmatched++;
    else latencies.push(resolved - completed);
  });
  return {
    type: "result",
    mode: m.mode,
    jobs: m.ids.length,
    failures: Math.max(m.failures, unmatched),
    totalRequests: m.report.jobGets,
    requestsPerJob: round(m.report.jobGets / m.ids.length, 2),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(maximum(latencies)),
    },
    loopDelayMs: {
      p99: lateness(m.loopDelay.percentile(99), m.loopDelayResolutionMs),
      max: lateness(m.loopDelay.max, m.loopDelayResolutionMs),
      resolution: m.loopDelayResolutionMs,
    },
    rssMb: {
      before: round(m.rssBefore / MB, 1),
      peak: round(m.rssPeak / MB, 1),
      growth: round((m.rssPeak - m.rssBefore) / MB, 1),
    },
    elapsedMs: m.elapsedMs,
    placedMs: m.placedMs,
    cpuMs: round(m.cpuMs),
    tcp: m.tcp,
  };
}

function lateness(sampleNs: number, resolutionMs: number): number {
  return round(Math.max(0, sampleNs / 1e6 - resolutionMs), 1);
}
