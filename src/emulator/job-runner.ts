import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import type { JobStatus, PushRequest, WebhookEvent } from "../../generated/sieve.js";
import type { ConcurrencyGate } from "./concurrency-gate.js";
import type { PushTarget } from "./function-registry.js";
import type { HandlerContext } from "./function-types.js";
import { writeLog } from "./job-logs.js";
import type { JobRecord, JobStore } from "./job-store.js";
import { sieveTypeOf, toFunctionIO } from "./sieve-format.js";
import type { TimerSet } from "./timers.js";
import type { EmulatorEvents } from "./types.js";
import type { WebhookSender } from "./webhook-sender.js";

/** What the runner works with; all owned by the emulator. */
export interface RunnerDeps {
  store: JobStore;
  timers: TimerSet;
  webhooks: WebhookSender;
  events: EventEmitter<EmulatorEvents>;
  gate: ConcurrencyGate;
}

/** How many jobs are in each state that has not ended. */
export interface RunnerCounts {
  processing: number;
  /** Queued with a concurrency slot, waiting for their `delayMs`. */
  queued: number;
  /** Queued without a slot. */
  limited: number;
}

const DEFAULT_DELAY_MS = 10;

/**
 * Moves jobs `queued` -> `processing` -> `finished` / `error` / `cancelled`. A job first waits
 * for a concurrency slot (no timer), then holds one timer for its `delayMs`; a processing job
 * holds its handler's AbortController; an ended job holds neither, nor its slot.
 */
export class JobRunner {
  readonly #deps: RunnerDeps;
  readonly #queued = new Map<string, () => void>();
  readonly #running = new Map<string, AbortController>();
  #closed = false;

  constructor(deps: RunnerDeps) {
    this.#deps = deps;
  }

  /**
   * Creates a queued job; it starts `delayMs` after it gets a concurrency slot.
   */
  push(target: PushTarget, request: PushRequest): JobRecord {
    const { fn, versionId } = target;
    const id = randomUUID();
    const inputs = inputsByName(request.inputs);
    const declared = new Map(fn.definition.inputs?.map((input) => [input.name, input]));
    const inputsIO = Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => {
        const spec = declared.get(name);
        const io = toFunctionIO(value, { name, type: spec?.type, description: spec?.description });
        return [name, io];
      }),
    );
    const record: JobRecord = {
      id,
      function: fn.ref,
      functionId: versionId,
      runId: `${id}-${randomUUID()}`,
      status: "queued",
      createdAt: Date.now(),
      startedAt: null,
      completedAt: null,
      inputs,
      inputsIO,
      outputs: [],
      error: "",
      webhooks: request.webhooks ?? [],
      env: request.env ?? {},
      registered: fn,
      logs: [],
    };
    this.#deps.store.add(record);
    this.#deps.events.emit("job", record);
    const delayMs = fn.definition.delayMs ?? DEFAULT_DELAY_MS;
    this.#deps.gate.request(id, () => {
      if (this.#closed) return;
      this.#queued.set(
        id,
        this.#deps.timers.after(delayMs, () => this.#start(record)),
      );
    });
    return record;
  }

  /**
   * Cancels a job that has not ended (aborting its handler's signal); false if it had ended.
   */
  cancel(record: JobRecord): boolean {
    if (record.completedAt !== null) return false;
    this.#end(record, "cancelled", "");
    return true;
  }

  /**
   * How many jobs are processing, queued with a slot, and waiting for one.
   */
  counts(): RunnerCounts {
    const { gate } = this.#deps;
    return { processing: this.#running.size, queued: this.#queued.size, limited: gate.waiting };
  }

  /**
   * Aborts every running handler and forgets queued starts (their timers are the TimerSet's)
   * and waiting jobs; no job starts afterwards.
   */
  abortAll(): void {
    this.#closed = true;
    for (const controller of this.#running.values())
      controller.abort(new Error("Emulator closed."));
    this.#running.clear();
    this.#queued.clear();
    this.#deps.gate.clear();
  }

  #start(record: JobRecord): void {
    this.#queued.delete(record.id);
    const controller = new AbortController();
    this.#running.set(record.id, controller);
    record.status = "processing";
    record.startedAt = Date.now();
    const { ref, definition, machine } = record.registered;
    writeLog(record.logs, "import", `Loading ${ref} (version ${record.functionId})`);
    writeLog(record.logs, "setup", `Setting up a ${definition.computeType ?? machine} worker`);
    writeLog(record.logs, "run", `Job ${record.id} started`);
    this.#deps.events.emit("job", record);
    this.#notify(record, { type: "job.start", body: this.#webhookBody(record) });
    void this.#run(record, controller.signal);
  }

  async #run(record: JobRecord, signal: AbortSignal): Promise<void> {
    const { definition } = record.registered;
    const log = (message: string) => {
      if (record.completedAt === null) writeLog(record.logs, "run", String(message));
    };
    try {
      const ctx: HandlerContext = { jobId: record.id, signal, env: record.env, log };
      const result = await definition.handler?.(structuredClone(record.inputs), ctx);
      if (isStream(result)) {
        for await (const value of result) {
          if (record.completedAt !== null) break;
          this.#output(record, value);
        }
      } else {
        this.#output(record, result);
      }
      if (definition.failWith === undefined) this.#end(record, "finished", "");
      else this.#end(record, "error", definition.failWith);
    } catch (error) {
      const message = error instanceof Error ? error.message || error.name : String(error);
      this.#end(record, "error", message);
    }
  }

  #output(record: JobRecord, value: unknown): void {
    if (value === undefined || record.completedAt !== null) return;
    const output = toFunctionIO(value);
    record.outputs.push(output);
    writeLog(record.logs, "run", `Output ${record.outputs.length}: ${sieveTypeOf(output.data)}`);
    this.#deps.events.emit("output", record, output);
    this.#notify(record, { type: "job.new_output", body: { job_id: record.id, output } });
  }

  #end(record: JobRecord, status: JobStatus, error: string): void {
    if (record.completedAt !== null) return;
    this.#queued.get(record.id)?.();
    this.#queued.delete(record.id);
    const controller = this.#running.get(record.id);
    this.#running.delete(record.id);
    record.status = status;
    record.error = error;
    record.completedAt = Date.now();
    writeLog(record.logs, "run", `Job ended with status ${status}${error ? `: ${error}` : ""}`);
    if (status === "cancelled") controller?.abort(new Error("Job cancelled."));
    this.#deps.gate.release(record.id);
    this.#deps.events.emit("job", record);
    this.#notify(record, { type: "job.complete", body: this.#webhookBody(record) });
    const body = { job_id: record.id, status, error };
    this.#notify(record, { type: "job.complete.no_output", body });
  }

  #webhookBody(record: JobRecord) {
    const { id: job_id, status, error, outputs } = record;
    return { job_id, status, error, outputs };
  }

  /** Sends an event to the job's webhooks and to those set on its function (editFunction). */
  #notify(record: JobRecord, event: WebhookEvent): void {
    const own = record.registered.metadata.webhooks ?? [];
    const hooks = own.length === 0 ? record.webhooks : [...record.webhooks, ...own];
    this.#deps.webhooks.send(record.id, hooks, event);
  }
}

function isStream(value: unknown): value is AsyncIterable<unknown> | Iterable<unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (Symbol.asyncIterator in value) return true;
  return Symbol.iterator in value && typeof (value as { next?: unknown }).next === "function";
}

/** Inputs keyed by name; inputs given as a list are keyed by their position ("0", "1"...). */
function inputsByName(inputs: PushRequest["inputs"]): Record<string, unknown> {
  return Array.isArray(inputs)
    ? Object.fromEntries(inputs.map((value, i) => [String(i), value]))
    : inputs;
}
