import type { EmulatedFunction } from "../../../src/emulator/index.js";

/** The names the flow calls (`FlowConfig.functions`). */
export const FUNCTION_NAMES = {
  echo: "smoke/echo",
  fail: "smoke/fail",
  hang: "smoke/hang",
} as const;

/** Waits `ms`, or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * The emulated functions of the smoke flow: an echo that streams its text and then the text in
 * capitals (50 ms apart, so `jobs.outputs` polls while the job runs), one that fails, and one
 * that runs until it is cancelled.
 */
export const testFunctions: Record<string, EmulatedFunction> = {
  [FUNCTION_NAMES.echo]: {
    handler: async function* (inputs, { signal }) {
      const text = String(inputs.text);
      yield text;
      await pause(50, signal);
      yield text.toUpperCase();
    },
  },
  [FUNCTION_NAMES.fail]: { failWith: "smoke: this function always fails" },
  [FUNCTION_NAMES.hang]: {
    handler: (_inputs, { signal }) =>
      new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve())),
  },
};
