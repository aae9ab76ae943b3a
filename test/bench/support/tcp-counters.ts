import { readFileSync } from "node:fs";

/** Kernel TCP counters that show a connection burst the server could not accept. */
export interface TcpCounters {
  /** SYNs dropped because a listen queue was full (each costs the client a 1 s+ retransmit). */
  listenOverflows: number;
  /** SYNs the clients had to send again. */
  synRetransmits: number;
}

/**
 * Reads the machine-wide `ListenOverflows` and `TCPSynRetrans` counters from /proc/net/netstat
 * (Linux); undefined elsewhere. Subtract two readings to count what happened in between.
 *
 * @example
 * const before = readTcpCounters();
 * await burst();
 * const overflows = (readTcpCounters()?.listenOverflows ?? 0) - (before?.listenOverflows ?? 0);
 */
export function readTcpCounters(): TcpCounters | undefined {
  let text: string;
  try {
    text = readFileSync("/proc/net/netstat", "utf8");
  } catch {
    return undefined;
  }
  const [names, values] = text.split("\n").filter((line) => line.startsWith("TcpExt:"));
  if (!names || !values) return undefined;
  const keys = names.split(/\s+/);
  const numbers = values.split(/\s+/).map(Number);
  const read = (name: string) => numbers[keys.indexOf(name)] ?? 0;
  return { listenOverflows: read("ListenOverflows"), synRetransmits: read("TCPSynRetrans") };
}

/**
 * The counters' growth from `before` to now; undefined when they cannot be read.
 *
 * @example
 * const growth = tcpCountersSince(before);
 */
export function tcpCountersSince(before: TcpCounters | undefined): TcpCounters | undefined {
  const now = readTcpCounters();
  if (!before || !now) return undefined;
  return {
    listenOverflows: now.listenOverflows - before.listenOverflows,
    synRetransmits: now.synRetransmits - before.synRetransmits,
  };
}
