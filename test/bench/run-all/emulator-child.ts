/**
 * Child process of the runAll benchmark: the emulator, in its own process so that the client
 * process's memory is the client's alone. Serves `bench/short` (sleeps `inputs.ms`, returns
 * `inputs.n`) and gives `rate` of pushes and job reads a fault (`fault-mix.ts`), drawn from
 * `seed` through the soak's `FaultFeeder`.
 *
 *   node --import tsx test/bench/run-all/emulator-child.ts <rate> <seed>
 *
 * Protocol (JSON lines, see ../support/json-lines.ts):
 * - prints `{"type":"ready",url,apiKey}` once listening;
 * - `{"cmd":"kill-at",pid,jobs}`: SIGKILLs process `pid` the moment the `jobs`-th job is created
 *   (inside that push, before its answer is written), then prints `{"type":"killed",...}`
 *   (`KillReport`); prints `{"type":"armed"}` at once;
 * - `{"cmd":"report",final?}`: prints `{"type":"report",...}` (`EmulatorCounts`); `final` also
 *   stops injecting faults and reports what was injected;
 * - stdin closed: closes the emulator and exits.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { startEmulator, type Emulator } from "../../../src/emulator/index.js";
import { FaultFeeder } from "../../soak/fault-feeder.js";
import { emit, listenForCommands } from "../support/json-lines.js";
import { seededRandom } from "../support/stats.js";
import { JOB_READS, PUSHES, runAllFaultClasses } from "./fault-mix.js";
import type { EmulatorCounts, KillReport } from "./run-all-types.js";
import { BENCH_FUNCTION } from "./workload.js";

const [rateArg = "0.2", seedArg = "1"] = process.argv.slice(2);

const emulator = await startEmulator({
  requestLogLimit: 10_000_000,
  functions: {
    [BENCH_FUNCTION]: {
      delayMs: 0,
      handler: async (inputs, { signal }) => {
        await sleep(Number(inputs.ms), undefined, { signal }).catch(() => undefined);
        return inputs.n;
      },
    },
  },
});
const feeder = new FaultFeeder(
  emulator,
  runAllFaultClasses(Number(rateArg)),
  seededRandom(Number(seedArg)),
);
feeder.start();

const created = new Set<string>();
let killAt: { pid: number; jobs: number } | undefined;
emulator.events.on("job", (job) => {
  if (created.has(job.id)) return;
  created.add(job.id);
  if (killAt && created.size === killAt.jobs) {
    process.kill(killAt.pid, "SIGKILL");
    const report: KillReport = {
      type: "killed",
      jobs: created.size,
      pushes: emulator.requests.count(PUSHES),
      requests: emulator.requests.length,
    };
    killAt = undefined;
    emit(report);
  }
});

/**
 * Every request received so far, by kind, and the jobs created for each input `n`; with `final`,
 * the faults injected too (the feeder then stops: it cannot be restarted).
 */
function counts(emu: Emulator, final: boolean): EmulatorCounts {
  const perInput = new Map<number, number>();
  for (const job of emu.jobs.list()) {
    const n = Number(job.inputs.n);
    perInput.set(n, (perInput.get(n) ?? 0) + 1);
  }
  const values = [...perInput.values()];
  return {
    type: "report",
    requests: emu.requests.length,
    pushes: emu.requests.count(PUSHES),
    awaits: emu.requests.count({ method: "GET", path: /^\/jobs\/[^/]+\/await$/ }),
    jobReads: emu.requests.count(JOB_READS),
    cancels: emu.requests.count({ method: "DELETE" }),
    jobsCreated: emu.jobs.size,
    inputsWithJobs: perInput.size,
    inputsPushedTwice: values.filter((count) => count > 1).length,
    extraJobs: values.reduce((sum, count) => sum + count - 1, 0),
    maxJobsPerInput: values.reduce((max, count) => Math.max(max, count), 0),
    faults: final ? feeder.stop() : undefined,
    faultQueueRanDry: feeder.dry,
  };
}

listenForCommands(
  (command) => {
    if (command.cmd === "kill-at") {
      killAt = { pid: Number(command.pid), jobs: Number(command.jobs) };
      emit({ type: "armed" });
    } else if (command.cmd === "report") {
      emit(counts(emulator, command.final === true));
    }
  },
  () => emulator.close(),
);
emit({ type: "ready", url: emulator.url, apiKey: emulator.apiKey });
