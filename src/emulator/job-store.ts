import type { FunctionIO, Job, JobPage, JobStatus, Webhook } from "../../generated/sieve.js";
import type { RegisteredFunction } from "./function-registry.js";
import type { LogEntry } from "./job-logs.js";
import { sieveTimestamp } from "./sieve-format.js";
import type { EmulatorJob, JobView } from "./types.js";
import type { PageQuery } from "./query-params.js";

/** The organization every emulated job belongs to. */
export const ORGANIZATION_ID = "0a27f1ed-b241-4a1e-8b3c-e8aff3b8379c";

/** A job's state, mutated only by the job runner. */
export interface JobRecord extends EmulatorJob {
  status: JobStatus;
  startedAt: number | null;
  completedAt: number | null;
  outputs: FunctionIO[];
  error: string;
  /** The job's inputs as the spec's `{name: FunctionIO}` map. */
  inputsIO: Record<string, FunctionIO>;
  webhooks: Webhook[];
  /** The function it runs, as registered (its price, machine type and webhooks). */
  registered: RegisteredFunction;
  /** Its log lines, oldest first. */
  logs: LogEntry[];
}

/** Which jobs a page lists: all, one function's, or one version's of a function. */
export interface JobFilter {
  functionRef?: string;
  versionId?: string;
}

/**
 * In-memory jobs: O(1) by id; lists scan newest first and stop once a page is full.
 */
export class JobStore implements JobView {
  readonly #byId = new Map<string, JobRecord>();
  readonly #ordered: JobRecord[] = [];
  readonly #byFunction = new Map<string, JobRecord[]>();

  get size(): number {
    return this.#ordered.length;
  }

  get(id: string): JobRecord | undefined {
    return this.#byId.get(id);
  }

  list(): EmulatorJob[] {
    return [...this.#ordered];
  }

  /**
   * Adds a new job.
   */
  add(record: JobRecord): void {
    this.#byId.set(record.id, record);
    this.#ordered.push(record);
    const ofFunction = this.#byFunction.get(record.function);
    if (ofFunction) ofFunction.push(record);
    else this.#byFunction.set(record.function, [record]);
  }

  /**
   * Every job, oldest first, without a copy (do not change it).
   */
  all(): readonly JobRecord[] {
    return this.#ordered;
  }

  /**
   * One page of jobs, newest first, optionally only one function's or version's; `next_offset`
   * is `offset + limit` while more jobs match, else -1 (also for `limit` 0, which cannot
   * advance).
   */
  page({ limit, offset, status }: PageQuery, { functionRef, versionId }: JobFilter = {}): JobPage {
    const source =
      functionRef === undefined ? this.#ordered : (this.#byFunction.get(functionRef) ?? []);
    const data: Job[] = [];
    let skipped = 0;
    for (let i = source.length - 1; i >= 0; i--) {
      const record = source[i] as JobRecord;
      if (status !== undefined && record.status !== status) continue;
      if (versionId !== undefined && record.functionId !== versionId) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      if (data.length === limit) return { data, next_offset: limit === 0 ? -1 : offset + limit };
      data.push(toJob(record));
    }
    return { data, next_offset: -1 };
  }
}

/**
 * A job as `GET /jobs/{job_id}` shows it, skipping the first `outputOffset` outputs.
 */
export function toJob(record: JobRecord, outputOffset = 0): Job {
  const [owner_name = "", name = ""] = record.function.split("/");
  const time = (ms: number | null) => (ms === null ? null : sieveTimestamp(ms));
  return {
    id: record.id,
    function_id: record.functionId,
    organization_id: ORGANIZATION_ID,
    function: { name, owner_name },
    status: record.status,
    created_at: sieveTimestamp(record.createdAt),
    started_at: time(record.startedAt),
    completed_at: time(record.completedAt),
    inputs: record.inputsIO,
    outputs: record.outputs.slice(outputOffset),
    error: record.error,
    visibility: "private",
    run_id: record.runId,
    children: {},
    restarts: [],
  };
}
