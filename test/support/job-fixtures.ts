import type { FunctionIO, Job, JobStatus } from "../../generated/sieve.js";

/** A job as the API returns it, with the given status and outputs. */
export function makeJob(
  status: JobStatus,
  outputs: FunctionIO[] = [],
  extra: Partial<Job> = {},
): Job {
  return {
    id: "job-1",
    function_id: "fn-1",
    organization_id: "org-1",
    function: { name: "echo", owner_name: "demo" },
    status,
    created_at: "2026-11-22T10:00:00.000000",
    started_at: status === "queued" ? null : "2026-11-22T10:00:01.000000",
    completed_at: null,
    inputs: {},
    outputs,
    error: status === "error" ? "CUDA out of memory" : "",
    visibility: "private",
    run_id: null,
    ...extra,
  };
}

/** One output carrying `data`. */
export function makeOutput(data: unknown): FunctionIO {
  return { type: "str", name: null, data, description: null };
}
