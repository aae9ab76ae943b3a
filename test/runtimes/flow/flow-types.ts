/**
 * The types shared by the smoke flow (which runs inside each runtime) and the harness (which runs
 * in Node under vitest). The flow receives the package's namespace instead of importing it, so
 * that each runtime resolves `sieve-client` itself, as a user's program would.
 */
import type * as SieveEntry from "../../../src/index.js";

/** The namespace of either entry of the packed package: both export the same names. */
export type SieveModule = typeof SieveEntry;

/** Where the flow sends its requests and which emulated functions it calls. */
export interface FlowConfig {
  /** The emulator's API root, e.g. `http://127.0.0.1:41234/v2`. */
  baseUrl: string;
  /** The key the emulator accepts. */
  apiKey: string;
  /** An API root on a port nothing listens on, for the connection failure. */
  closedBaseUrl: string;
  /** `owner/name` of the emulated functions (see harness/test-functions.ts). */
  functions: { echo: string; fail: string; hang: string };
}

/** One step of the flow: passed or not, how long it took, and what it saw. */
export interface StepResult {
  name: string;
  ok: boolean;
  /** Wall time of the step in the runtime, in ms (workerd advances its clock only on I/O). */
  ms: number;
  /** What the step observed when it passed. */
  detail?: string;
  /** Why it failed: the error's name and message, with its causes. */
  error?: string;
}

/** What the flow reports from inside a runtime, printed as one JSON line. */
export interface FlowResult {
  /** The runtime as the flow sees it, e.g. `{ name: "bun", version: "1.4.5" }`. */
  runtime: { name: string; version: string };
  /**
   * How many times the client called the global `fetch`: the web entry sends through it, the
   * Node entry through undici's `Agent.request`, which never calls it.
   */
  globalFetchCalls: number;
  /** `import.meta.resolve("sieve-client")`, where the entry script could ask the runtime. */
  resolved?: string;
  steps: StepResult[];
}

/** The names of the flow's steps, in order, with what each checks. */
export const FLOW_STEPS = {
  "functions.get": "reads the echo function",
  "jobs.push": "pushes an echo job",
  "jobs.outputs": "streams its 2 outputs, each once",
  "jobs.wait": "waits until it finished",
  "job failure": "waiting on a failing job rejects with SieveJobFailedError",
  "jobs.list": "lists both jobs",
  "wrong key": "a wrong API key rejects with SieveAuthenticationError",
  "abort mid-wait": "aborting a wait rejects with the abort reason within 1 s",
  "closed port": "a push to a closed port rejects with SieveConnectionError",
} as const;

/** The name of one step of the flow. */
export type StepName = keyof typeof FLOW_STEPS;
