import type { EventEmitter } from "node:events";
import type { TimerSet } from "./timers.js";
import type { EmulatorEvents, EmulatorJob } from "./types.js";

/** How a hold ended: the job ended, the hold limit passed, or the caller or emulator left. */
export type HoldOutcome = "ended" | "timeout" | "gone";

/**
 * The requests `GET /jobs/{job_id}/await` holds. One `job` listener serves them all: a job's
 * end wakes its holders in the same tick. Each hold owns one timer and one abort listener,
 * both removed whichever way it ends.
 */
export class JobWaiters {
  readonly #timers: TimerSet;
  readonly #events: EventEmitter<EmulatorEvents>;
  readonly #byJob = new Map<string, Set<(outcome: HoldOutcome) => void>>();
  readonly #onJob = (job: EmulatorJob) => {
    if (job.completedAt === null) return;
    const holders = this.#byJob.get(job.id);
    if (holders) for (const finish of [...holders]) finish("ended");
  };

  constructor(timers: TimerSet, events: EventEmitter<EmulatorEvents>) {
    this.#timers = timers;
    this.#events = events;
    events.on("job", this.#onJob);
  }

  /** How many requests are held right now. */
  get size(): number {
    let count = 0;
    for (const holders of this.#byJob.values()) count += holders.size;
    return count;
  }

  /**
   * Resolves when the job ends, after `holdMs`, or when `signal` aborts (the client left),
   * whichever comes first.
   */
  hold(jobId: string, holdMs: number, signal?: AbortSignal): Promise<HoldOutcome> {
    if (signal?.aborted) return Promise.resolve("gone");
    return new Promise((resolve) => {
      let holders = this.#byJob.get(jobId);
      if (!holders) this.#byJob.set(jobId, (holders = new Set()));
      const onAbort = () => finish("gone");
      const finish = (outcome: HoldOutcome) => {
        cancelTimer();
        signal?.removeEventListener("abort", onAbort);
        holders.delete(finish);
        if (holders.size === 0 && this.#byJob.get(jobId) === holders) this.#byJob.delete(jobId);
        resolve(outcome);
      };
      const cancelTimer = this.#timers.after(holdMs, () => finish("timeout"));
      signal?.addEventListener("abort", onAbort, { once: true });
      holders.add(finish);
    });
  }

  /**
   * Lets go of every held request (they resolve `gone`) and stops listening.
   */
  close(): void {
    this.#events.off("job", this.#onJob);
    for (const holders of [...this.#byJob.values()]) {
      for (const finish of [...holders]) finish("gone");
    }
  }
}
