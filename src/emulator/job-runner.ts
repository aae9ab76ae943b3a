import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import type { JobStatus, PushRequest, WebhookEvent } from "../../generated/sieve.js";
import type { PushTarget } from "./function-registry.js";
import type { JobRecord, JobStore } from "./job-store.js";
import { toFunctionIO } from "./sieve-format.js";
import type { TimerSet } from "./timers.js";
import type { EmulatedFunction } from "./function-types.js";
import type { EmulatorEvents } from "./types.js";
import type { WebhookSender } from "./webhook-sender.js";

/** What the runner works with; all owned by the emulator. */
export interface RunnerDeps {
  store: JobStore;
  timers: TimerSet;
  webhooks: WebhookSender;
  events: EventEmitter<EmulatorEvents>;
}

const DEFAULT_DELAY_MS = 10;

/**
 * Moves jobs `queued` -> `processing` -> `finished` / `error` / `cancelled`. A queued job holds
 * one timer; a processing job holds its handler's AbortController; an ended job holds neither.
 */
export class JobRunner {
  readonly #deps: RunnerDeps;
  readonly #queued = new Map<string, () => void>();
  readonly #running = new Map<string, AbortController>();

  constructor(deps: RunnerDeps) {
    this.#deps = deps;
  }

  /**
   * Creates a queued job and schedules its start after the function's `delayMs`.
   */
  push({ fn, versionId }: PushTarget, request: PushRequest): JobRecord {
    const id = randomUUID();
    const declared = new Map(fn.definition.inputs?.map((input) => [input.name, input]));
    const inputsIO = Object.fromEntries(
      Object.entries(request.inputs).map(([name, value]) => {
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
      inputs: request.inputs,
      inputsIO,
      outputs: [],
      error: "",
      webhooks: request.webhooks ?? [],
      env: request.env ?? {},
    };
    this.#deps.store.add(record);
    this.#deps.events.emit("job", record);
    const delayMs = fn.definition.delayMs ?? DEFAULT_DELAY_MS;
    this.#queued.set(
      id,
      this.#deps.timers.after(delayMs, () => this.#start(record, fn.definition)),
    );
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
   * Aborts every running handler and forgets queued starts (their timers are the TimerSet's).
   */
  abortAll(): void {
    for (const controller of this.#running.values())
      controller.abort(new Error("Emulator closed."));
    this.#running.clear();
    this.#queued.clear();
  }

  #start(record: JobRecord, definition: EmulatedFunction): void {
    this.#queued.delete(record.id);
    const controller = new AbortController();
    this.#running.set(record.id, controller);
    record.status = "processing";
    record.startedAt = Date.now();
    this.#deps.events.emit("job", record);
    this.#notify(record, { type: "job.start", body: this.#webhookBody(record) });
    void this.#run(record, definition, controller.signal);
  }

  async #run(record: JobRecord, definition: EmulatedFunction, signal: AbortSignal): Promise<void> {
    try {
      const ctx = { jobId: record.id, signal, env: record.env };
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
    if (status === "cancelled") controller?.abort(new Error("Job cancelled."));
    this.#deps.events.emit("job", record);
    this.#notify(record, { type: "job.complete", body: this.#webhookBody(record) });
    const body = { job_id: record.id, status, error };
    this.#notify(record, { type: "job.complete.no_output", body });
  }

  #webhookBody(record: JobRecord) {
    const { id: job_id, status, error, outputs } = record;
    return { job_id, status, error, outputs };
  }

  #notify(record: JobRecord, event: WebhookEvent): void {
    this.#deps.webhooks.send(record.id, record.webhooks, event);
  }
}

function isStream(value: unknown): value is AsyncIterable<unknown> | Iterable<unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (Symbol.asyncIterator in value) return true;
  return Symbol.iterator in value && typeof (value as { next?: unknown }).next === "function";
}
