import type { LogsResponse } from "../../generated/sieve.js";
import { checked, withWindow, type Handler } from "./handler-support.js";
import { detailReply, jsonReply } from "./http-reply.js";
import { readLogs } from "./job-logs.js";
import { ORGANIZATION_ID } from "./job-store.js";
import { readRequired } from "./query-params.js";

/**
 * `GET /logs?job_id=&start_time=&end_time=`: the job's lines in the window (422 without
 * `job_id`, 400 for an end before the start, 404 `Logs not found.` for an unknown job).
 */
export const getLogs: Handler = (ctx, { query }) =>
  checked(
    (issues) => readRequired(query, "job_id", issues),
    (jobId) =>
      withWindow(query, ["start_time", "end_time"], (window) => {
        const record = ctx.store.get(jobId);
        if (!record) return detailReply(404, "Logs not found.");
        return jsonReply(200, readLogs(record, ORGANIZATION_ID, window) satisfies LogsResponse);
      }),
  );
