import type { EventEmitter } from "node:events";
import type { FunctionIO, JobStatus, Webhook } from "../../generated/sieve.js";
import type { Faults } from "./fault-types.js";
import type { RequestLog } from "./request-log.js";

export type { RecordedRequest, RequestMatcher } from "./request-types.js";
export type { EmulatorOptions } from "./emulator-options.js";
export type { FaultSpec, Faults } from "./fault-types.js";

/**
 * A job as the emulator holds it; read-only for tests.
 *
 * @example
 * const job: EmulatorJob | undefined = emu.jobs.get(id);
 * expect(job?.outputs).toHaveLength(1);
 */
export interface EmulatorJob {
  /**
   * The job's id, as `push` returned it.
   *
   * @example
   * const { id } = await sieve.jobs.push({ function: "demo/echo", inputs: { text: "hi" } });
   * expect(emu.jobs.get(id)?.id).toBe(id);
   */
  readonly id: string;
  /**
   * `"owner/name"` of the function.
   *
   * @example
   * expect(emu.jobs.get(id)?.function).toBe("demo/echo");
   */
  readonly function: string;
  /**
   * The version that runs it (`Job.function_id`).
   *
   * @example
   * expect(emu.jobs.get(id)?.functionId).toBe((await sieve.jobs.get(id)).function_id);
   */
  readonly functionId: string;
  /**
   * The id of its run (`Job.run_id`).
   *
   * @example
   * expect(emu.jobs.get(id)?.runId).toBe((await sieve.jobs.get(id)).run_id);
   */
  readonly runId: string;
  /**
   * Its status now.
   *
   * @example
   * await vi.waitFor(() => expect(emu.jobs.get(id)?.status).toBe("finished"));
   */
  readonly status: JobStatus;
  /**
   * When it was pushed, started and ended, ms since the epoch (null until then).
   *
   * @example
   * const job = emu.jobs.get(id);
   * if (job?.startedAt) console.log(`queued for ${job.startedAt - job.createdAt} ms`);
   */
  readonly createdAt: number;
  /**
   * When it started running, ms since the epoch; null while queued.
   *
   * @example
   * expect(emu.jobs.get(id)?.startedAt).not.toBeNull();
   */
  readonly startedAt: number | null;
  /**
   * When it ended, ms since the epoch; null until then.
   *
   * @example
   * const job = emu.jobs.get(id);
   * if (job?.completedAt && job.startedAt) console.log(`ran ${job.completedAt - job.startedAt} ms`);
   */
  readonly completedAt: number | null;
  /**
   * The inputs as pushed.
   *
   * @example
   * expect(emu.jobs.get(id)?.inputs).toEqual({ text: "hi" });
   */
  readonly inputs: Readonly<Record<string, unknown>>;
  /**
   * The outputs produced so far, in order.
   *
   * @example
   * expect(emu.jobs.get(id)?.outputs[0]?.data).toBe("hi");
   */
  readonly outputs: readonly FunctionIO[];
  /**
   * The error text; `""` unless the job ended in `error`.
   *
   * @example
   * expect(emu.jobs.get(id)?.error).toBe("CUDA out of memory"); // with `failWith: "CUDA out of memory"`
   */
  readonly error: string;
  /**
   * The webhooks it was pushed with.
   *
   * @example
   * expect(emu.jobs.get(id)?.webhooks).toEqual([{ type: "job.complete", url: hookUrl }]);
   */
  readonly webhooks: readonly Webhook[];
  /**
   * The `env` it was pushed with.
   *
   * @example
   * expect(emu.jobs.get(id)?.env).toEqual({ MODE: "fast" });
   */
  readonly env: Readonly<Record<string, unknown>>;
}

/**
 * Read access to the emulator's jobs.
 *
 * @example
 * const view: JobView = emu.jobs;
 * expect(view.list().every((job) => job.status === "finished")).toBe(true);
 */
export interface JobView {
  /**
   * A job by id, in O(1).
   *
   * @example
   * expect(emu.jobs.get(id)?.status).toBe("finished");
   */
  get(id: string): EmulatorJob | undefined;
  /**
   * Every job, oldest first.
   *
   * @example
   * expect(emu.jobs.list().map((job) => job.function)).toEqual(["demo/echo"]);
   */
  list(): EmulatorJob[];
  /**
   * How many jobs were pushed.
   *
   * @example
   * expect(emu.jobs.size).toBe(1);
   */
  readonly size: number;
}

/**
 * Events of `Emulator.events`.
 *
 * @example
 * emu.events.on("output", (job, output) => console.log(job.id, output.data));
 */
export interface EmulatorEvents {
  /**
   * A job changed status (pushed, started or ended); read `completedAt` for the end time.
   *
   * @example
   * emu.events.on("job", (job) => job.completedAt && console.log(`${job.id} ended ${job.status}`));
   */
  job: [job: EmulatorJob];
  /**
   * A job produced an output.
   *
   * @example
   * emu.events.on("output", (job, output) => console.log(job.id, output.type, output.data));
   */
  output: [job: EmulatorJob, output: FunctionIO];
}

/**
 * A running emulator (see `startEmulator`).
 *
 * @example
 * const emu: Emulator = await startEmulator({ functions: demoFunctions });
 * afterAll(() => emu.close());
 */
export interface Emulator {
  /**
   * The API root including `/v2`, e.g. `http://127.0.0.1:41234/v2`.
   *
   * @example
   * const sieve = createSieveClient({ apiKey: emu.apiKey, baseUrl: emu.url });
   */
  readonly url: string;
  /**
   * The port it listens on.
   *
   * @example
   * console.log(`emulator on http://127.0.0.1:${emu.port}/v2`);
   */
  readonly port: number;
  /**
   * The API key it accepts.
   *
   * @example
   * await fetch(`${emu.url}/jobs`, { headers: { "X-API-Key": emu.apiKey } });
   */
  readonly apiKey: string;
  /**
   * Fault injection.
   *
   * @example
   * emu.faults.next({ status: 500, matching: { method: "GET" } });
   */
  readonly faults: Faults;
  /**
   * Every request received (see `RequestLog`).
   *
   * @example
   * expect(emu.requests.count({ method: "POST", path: "/push" })).toBe(1);
   */
  readonly requests: RequestLog;
  /**
   * The jobs pushed so far.
   *
   * @example
   * expect(emu.jobs.get(id)?.status).toBe("finished");
   */
  readonly jobs: JobView;
  /**
   * `job` and `output` events, e.g. to time when a job ended.
   *
   * @example
   * emu.events.on("job", (job) => console.log(job.id, job.status));
   */
  readonly events: EventEmitter<EmulatorEvents>;
  /**
   * Stops listening, cancels timers, aborts handlers and webhook deliveries; resolves when every socket is closed.
   *
   * @example
   * afterAll(() => emu.close());
   */
  close(): Promise<void>;
}
