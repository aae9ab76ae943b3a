import type { Emulator, FaultSpec, RequestMatcher } from "../../src/emulator/index.js";
import { matchesRequest } from "../../src/emulator/request-log.js";

/** A fault the feeder may queue, by name, or `"none"` for a request answered normally. */
export interface FaultChoice {
  kind: string;
  spec: FaultSpec;
}

/** One class of requests (e.g. pushes) and how its faults are drawn. */
export interface RequestClass {
  name: string;
  matching: RequestMatcher;
  /** Draws the fault of the next request of this class, `kind: "none"` for no fault. */
  draw(random: () => number): FaultChoice;
}

/** What the feeder did, per class: requests seen and how many of each fault kind they got. */
export interface FeederReport {
  [className: string]: { requests: number; faults: Record<string, number> };
}

/** A hit that changes nothing: `latencyMs: 0` waits for nothing and answers normally. */
export const NO_FAULT: FaultChoice = { kind: "none", spec: { latencyMs: 0 } };
const LOW_WATER = 500;

/**
 * Gives each request of each class a fault drawn at random, through the emulator's public fault
 * queue: every `tickMs` it reads the requests logged since the last tick and tops each class's
 * queue back up to `LOW_WATER` draws (a request with no fault takes a `NO_FAULT` hit). Each
 * request takes the oldest draw of its class, so the n-th request of a class got the n-th draw:
 * the report counts exactly which faults were injected, provided a queue never ran dry (`dry`).
 *
 * @example
 * const feeder = new FaultFeeder(emulator, [pollClass, pushClass], random);
 * feeder.start();
 * // ... run the load ...
 * const report = feeder.stop();
 */
export class FaultFeeder {
  readonly #emulator: Emulator;
  readonly #classes: RequestClass[];
  readonly #random: () => number;
  readonly #draws = new Map<string, string[]>();
  readonly #seen = new Map<string, number>();
  #scanned = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Set if a class's queue was found empty: its requests may have gone without a draw. */
  dry = false;
  /** Requests that matched no class. */
  unmatched = 0;

  constructor(emulator: Emulator, classes: RequestClass[], random: () => number) {
    this.#emulator = emulator;
    this.#classes = classes;
    this.#random = random;
    for (const { name } of classes) {
      this.#draws.set(name, []);
      this.#seen.set(name, 0);
    }
  }

  /** Fills every queue, then keeps them filled every `tickMs`. */
  start(tickMs = 20): void {
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), tickMs);
  }

  /** Stops feeding, clears the queue, and counts what the requests got. */
  stop(): FeederReport {
    clearInterval(this.#timer);
    this.#scan();
    this.#emulator.faults.clear();
    const report: FeederReport = {};
    for (const { name } of this.#classes) {
      const requests = this.#seen.get(name) ?? 0;
      const faults: Record<string, number> = {};
      for (const kind of (this.#draws.get(name) ?? []).slice(0, requests)) {
        if (kind !== NO_FAULT.kind) faults[kind] = (faults[kind] ?? 0) + 1;
      }
      report[name] = { requests, faults };
    }
    return report;
  }

  #tick(): void {
    this.#scan();
    for (const requestClass of this.#classes) {
      const draws = this.#draws.get(requestClass.name) as string[];
      const seen = this.#seen.get(requestClass.name) ?? 0;
      if (draws.length > 0 && draws.length <= seen) this.dry = true;
      while (draws.length - seen < LOW_WATER) {
        const choice = requestClass.draw(this.#random);
        draws.push(choice.kind);
        this.#emulator.faults.next({ ...choice.spec, matching: requestClass.matching });
      }
    }
  }

  #scan(): void {
    const log = this.#emulator.requests;
    for (; this.#scanned < log.length; this.#scanned++) {
      const { method, path } = log[this.#scanned] as { method: string; path: string };
      const match = this.#classes.find((c) => matchesRequest(c.matching, method, path));
      if (match) this.#seen.set(match.name, (this.#seen.get(match.name) ?? 0) + 1);
      else this.unmatched++;
    }
  }
}

/**
 * Draws with probability `rate` one of `choices` (by weight), else `NO_FAULT`.
 *
 * @example
 * const draw = weighted(0.2, [[3, { kind: "503", spec: { status: 503 } }]]);
 */
export function weighted(
  rate: number,
  choices: Array<[weight: number, choice: FaultChoice | ((random: () => number) => FaultChoice)]>,
): (random: () => number) => FaultChoice {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  return (random) => {
    if (random() >= rate) return NO_FAULT;
    let point = random() * total;
    for (const [weight, choice] of choices) {
      point -= weight;
      if (point < 0) return typeof choice === "function" ? choice(random) : choice;
    }
    return NO_FAULT;
  };
}

export { seededRandom } from "../support/seeded-random.js";
