import type { EnvironmentVariable } from "../../generated/sieve.js";

/**
 * What a handler receives besides its inputs.
 *
 * @example
 * const handler: FunctionHandler = (inputs, { jobId, env }) => `${jobId}: ${env.GREETING ?? "hello"}`;
 */
export interface HandlerContext {
  /**
   * The id of the job being run.
   *
   * @example
   * { handler: (inputs, { jobId }) => `ran as job ${jobId}` }
   */
  jobId: string;
  /**
   * Aborted when the job is cancelled or the emulator closes; stop work when it fires.
   *
   * @example
   * { handler: async function* (inputs, { signal }) { for (let i = 0; i < 10 && !signal.aborted; i++) yield i; } }
   */
  signal: AbortSignal;
  /**
   * The `env` of the push, `{}` when none was given.
   *
   * @example
   * { handler: (inputs, { env }) => (env.API_TOKEN ? "authorized" : "no token") }
   */
  env: Readonly<Record<string, unknown>>;
  /**
   * Writes a line to the job's logs (stage `run`, read with `GET /logs`), timestamped now. A
   * message with newlines writes one line each; lines written after the job ended are dropped.
   *
   * @example
   * { handler: (inputs, { log }) => { log("loading the model"); return inputs.text; } }
   */
  log: (message: string) => void;
}

/**
 * Runs one job. Its result becomes the job's outputs: a returned value is one output; a
 * generator (sync or async) or any async iterable streams one output per yielded value. An
 * array is one `list` output, not a stream. `undefined`, returned or yielded, adds no output.
 * A throw ends the job in `error` with the thrown message.
 *
 * @example
 * const handler: FunctionHandler = async function* (inputs, { signal }) {
 *   for (const word of String(inputs.text).split(" ")) if (!signal.aborted) yield word;
 * };
 */
export type FunctionHandler = (inputs: Record<string, unknown>, ctx: HandlerContext) => unknown;

/**
 * One input a function declares in its metadata (`FunctionVersion.inputs`).
 *
 * @example
 * const file: FunctionInputSpec = { name: "file", type: "sieve.File", description: "The video to dub." };
 * await startEmulator({ functions: { "demo/dub": { inputs: [file] } } });
 */
export interface FunctionInputSpec {
  /**
   * The input's key in `PushRequest.inputs`.
   *
   * @example
   * { name: "file", type: "sieve.File" }
   */
  name: string;
  /**
   * The Sieve type shown in metadata and stored on job inputs (default: guessed from the value).
   *
   * @example
   * { name: "target_language", type: "str" }
   */
  type?: string;
  /**
   * The human-readable description.
   *
   * @example
   * { name: "file", description: "The video to dub." }
   */
  description?: string;
  /**
   * Whether the function runs without it (default false). Only metadata: pushes are not checked.
   *
   * @example
   * { name: "speed", type: "float", optional: true }
   */
  optional?: boolean;
}

/**
 * A function the emulator serves, keyed `"owner/name"` in `EmulatorOptions.functions`.
 *
 * @example
 * const echo: EmulatedFunction = { handler: (inputs) => inputs.text, inputs: [{ name: "text", type: "str" }] };
 * const emu = await startEmulator({ functions: { "demo/echo": echo } });
 */
export interface EmulatedFunction {
  /**
   * Produces the job's outputs (see `FunctionHandler`). Without one, a job ends with no outputs.
   *
   * @example
   * { handler: async (inputs) => String(inputs.text).toUpperCase() }
   */
  handler?: FunctionHandler;
  /**
   * How long a job stays `queued` before it turns `processing` and the handler runs, in ms
   * (default 10).
   *
   * @example
   * { handler: () => "done", delayMs: 50 }
   */
  delayMs?: number;
  /**
   * Makes every job end with status `error` and this text, after the handler (if any) ran, so
   * a job may stream some outputs and then fail.
   *
   * @example
   * { failWith: "CUDA out of memory" }
   */
  failWith?: string;
  /**
   * The id of the latest version: `Job.function_id`, `PushResponse.model_id`, and what a push
   * pins with `owner/name:<version>` or `{ id: <version> }` (default: a UUID derived from the
   * function's name, stable across runs).
   *
   * @example
   * { handler: () => 1, version: "3f1c2a9e-0b7d-4c55-9e21-6a8f4d2b7c10" }
   */
  version?: string;
  /**
   * Ids of older versions, newest first: listed after `version` by `listFunctionVersions`, and
   * pushes may pin them.
   *
   * @example
   * { handler: () => 1, version: "v3", previousVersions: ["v2", "v1"] }
   */
  previousVersions?: string[];
  /**
   * The inputs the function declares in its metadata; also give job inputs their declared type.
   *
   * @example
   * { inputs: [{ name: "text", type: "str", description: "What to echo." }] }
   */
  inputs?: FunctionInputSpec[];
  /**
   * The outputs the function declares in its metadata (default none).
   *
   * @example
   * { outputs: [{ type: "sieve.File", description: "The dubbed video." }] }
   */
  outputs?: Array<{ type?: string; description?: string }>;
  /**
   * `FunctionVersion.compute_type` (default `"cpu"`); anything else also sets `gpu: true`.
   *
   * @example
   * { computeType: "l4" }
   */
  computeType?: string;
  /**
   * `Function.description`.
   *
   * @example
   * { description: "Echoes its text input." }
   */
  description?: string;
  /**
   * `FunctionVersion.environment_variables`.
   *
   * @example
   * { environmentVariables: [{ name: "OPENAI_API_KEY", description: "Your key." }] }
   */
  environmentVariables?: EnvironmentVariable[];
  /**
   * `stream_output` of the push response and version (default: true for generator handlers).
   *
   * @example
   * { handler: async () => [1, 2], streamOutput: false }
   */
  streamOutput?: boolean;
  /**
   * What one second of running time costs, in dollars: a job's cost is its running time (from
   * `processing` to its end; 0 while queued) times this price. Default: a list price for the
   * `computeType` (`cpu` $0.0001/s, `t4` $0.0003/s, `l4` $0.0004/s, `v100` $0.0008/s, `a100`
   * $0.0011/s, `a100-20gb` $0.0007/s, any other type $0.0005/s).
   *
   * @example
   * { handler: () => "ok", computeType: "a100", pricePerSecond: 0.002 }
   */
  pricePerSecond?: number;
}
