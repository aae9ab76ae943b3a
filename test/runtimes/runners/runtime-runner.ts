import type { FlowConfig, FlowResult } from "../flow/flow-types.js";
import type { InstalledProject } from "../harness/pack-install.js";

/** Which entry of the package a runtime loaded: undici's (`node`) or the global fetch's (`web`). */
export type EntryKind = "node" | "web";

/** What a runner gets: the installed project and a way to start the emulator it calls. */
export interface RunnerContext {
  project: InstalledProject;
  /**
   * Starts an emulator with the test functions (closed by the harness after the run) and
   * returns the flow's config for it; `cors` lists the web origins it lets call it.
   */
  startTarget(options?: { cors?: string[] }): Promise<FlowConfig>;
}

/** What a runner brings back from its runtime. */
export interface RunnerOutput {
  flow: FlowResult;
  /** The package's entry file the runtime loaded, e.g. `dist/src/index.js`, when known. */
  entryFile?: string;
  /** The runtime's version, when the flow cannot see it (workerd). */
  version?: string;
}

/** One runtime of the matrix: how to start it, and what it should report. */
export interface RuntimeRunner {
  /** Its name in the report, e.g. `node (web entry)`. */
  label: string;
  /** The runtime the flow must find itself in (`FlowResult.runtime.name`). */
  runtime: string;
  /** The entry it must load. */
  expectedEntry: EntryKind;
  /** How it is started, for the report. */
  how: string;
  /** Runs the smoke flow in the runtime; throws when the runtime cannot start or answer. */
  run(context: RunnerContext): Promise<RunnerOutput>;
}
