import { startEmulator, type Emulator } from "../../../src/emulator/index.js";
import { freePort } from "../../support/free-port.js";
import type { FlowConfig, StepResult } from "../flow/flow-types.js";
import type { InstalledProject } from "./pack-install.js";
import { FUNCTION_NAMES, testFunctions } from "./test-functions.js";
import type { EntryKind, RuntimeRunner } from "../runners/runtime-runner.js";

/** One runtime's row of the matrix. */
export interface RuntimeRun {
  label: string;
  how: string;
  runtime: { name: string; version: string };
  /** The entry it loaded, told by whether the client sent through the global `fetch`. */
  entry: EntryKind;
  /** The entry's file within the package, `unknown` when the runtime could not say. */
  entryFile: string;
  /** The `User-Agent` the emulator received with the flow's first request. */
  userAgent: string;
  steps: StepResult[];
  /** Wall time in the harness, from starting the runtime to its result, in ms. */
  ms: number;
}

/**
 * Runs `runner`'s runtime against emulators it starts on 127.0.0.1 with the test functions,
 * closes them, and returns the run. Throws when the runtime cannot start or answer.
 */
export async function runRuntime(
  runner: RuntimeRunner,
  project: InstalledProject,
): Promise<RuntimeRun> {
  const emulators: Emulator[] = [];
  const startTarget = async (options?: { cors?: string[] }): Promise<FlowConfig> => {
    const emulator = await startEmulator({ functions: testFunctions, ...options });
    emulators.push(emulator);
    return {
      baseUrl: emulator.url,
      apiKey: emulator.apiKey,
      closedBaseUrl: `http://127.0.0.1:${await freePort()}/v2`,
      functions: { ...FUNCTION_NAMES },
    };
  };
  const start = performance.now();
  try {
    const output = await runner.run({ project, startTarget });
    const ms = Math.round(performance.now() - start);
    const { flow } = output;
    const first = emulators[0]?.requests.find((request) => request.method !== "OPTIONS");
    return {
      label: runner.label,
      how: runner.how,
      runtime: { name: flow.runtime.name, version: flow.runtime.version || output.version || "" },
      entry: flow.globalFetchCalls > 0 ? "web" : "node",
      entryFile: output.entryFile ?? "unknown",
      userAgent: String(first?.headers["user-agent"] ?? ""),
      steps: flow.steps,
      ms,
    };
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  }
}

/** The entry a package file is: `node` for dist/src/node.js, `web` for dist/src/index.js. */
export function entryOfFile(file: string): EntryKind | "unknown" {
  if (file.endsWith("dist/src/node.js")) return "node";
  if (file.endsWith("dist/src/index.js")) return "web";
  return "unknown";
}
