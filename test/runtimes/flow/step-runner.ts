import { FLOW_STEPS, type StepName, type StepResult } from "./flow-types.js";

/**
 * Runs the flow's steps one after another: times each, records what it returned as its detail,
 * and turns a throw into a failed step so that the next steps still run.
 */
export class StepRunner {
  readonly results: StepResult[] = [];

  /** Runs `body` as the step `name`; its string result is the step's detail. */
  async run(name: StepName, body: () => Promise<string>): Promise<void> {
    const start = performance.now();
    try {
      const detail = await body();
      this.results.push({ name, ok: true, ms: elapsed(start), detail });
    } catch (error) {
      this.results.push({ name, ok: false, ms: elapsed(start), error: describeError(error) });
    }
  }

  /** Records every step that has not run as failed with `error`, which stopped the flow. */
  failRest(error: unknown): void {
    const ran = new Set(this.results.map((step) => step.name));
    const message = `the flow stopped before this step: ${describeError(error)}`;
    for (const name of Object.keys(FLOW_STEPS) as StepName[]) {
      if (!ran.has(name)) this.results.push({ name, ok: false, ms: 0, error: message });
    }
  }
}

/** Throws `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The value of an earlier step, or a throw saying that step did not provide it. */
export function need<T>(value: T | undefined, step: StepName): T {
  if (value === undefined) throw new Error(`skipped: needs the result of "${step}", which failed`);
  return value;
}

/** An error's name and message, then those of its causes (three deep at most). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(
        `${current.name}${typeof code === "string" ? ` ${code}` : ""}: ${current.message}`,
      );
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.join(" <- caused by ");
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}
