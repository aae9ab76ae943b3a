import os from "node:os";

/** The machine a run measured, as bench-results.json and the README describe it. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  memoryGb: number;
  /** 1-minute load average when the run started: a shared machine's figures drift with it. */
  loadAverage: number;
}

/**
 * Describes this machine: cores, CPU model, Node version, OS, memory and current load.
 *
 * @example
 * console.log(`${describeMachine().cpus} cores, Node ${describeMachine().node}`);
 */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
