import {
  pathsUsageConcurrencyGetParametersQueryStatusValues as CHUNK_STATUSES,
  type ConcurrencyChunk,
  type DetailedUsage,
  type JobCost,
} from "../../generated/sieve.js";
import { concurrencyHistory, previousDay } from "./concurrency-history.js";
import {
  checked,
  withFunction,
  withVersion,
  withWindow,
  type Answer,
  type Handler,
  type TimeWindow,
} from "./handler-support.js";
import { detailReply, jsonReply } from "./http-reply.js";
import type { JobRecord } from "./job-store.js";
import { readBoolean, readEnum, readInt, readMinute } from "./query-params.js";
import { jobCost, usageOf, type UsageWindow } from "./usage.js";

const WEEK_MS = 7 * 86_400_000;

/** `GET /usage`: every job's usage in the window (all time by default). */
export const getUsage: Handler = (ctx, { query }) =>
  usageWindow(query, (window) => jsonReply(200, usageOf(ctx.store.all(), window)));

/** `GET /usage/function`: the usage of each function that ran in the window, by `owner/name`. */
export const getUsagePerFunction: Handler = (ctx, { query }) =>
  usageWindow(query, (window) => {
    const byFunction = new Map<string, JobRecord[]>();
    for (const job of ctx.store.all()) {
      const jobs = byFunction.get(job.function);
      if (jobs) jobs.push(job);
      else byFunction.set(job.function, [job]);
    }
    const result: Record<string, DetailedUsage> = {};
    for (const [ref, jobs] of byFunction) {
      const usage = usageOf(jobs, window);
      if (Object.values(usage).some((value) => value !== null && typeof value === "object")) {
        result[ref] = usage;
      }
    }
    return jsonReply(200, result);
  });

/** `GET /usage/function/{owner_name}/{function_name}`: one function's usage. */
export const getFunctionUsage: Handler = (ctx, { match, query }) =>
  usageWindow(query, (window) =>
    withFunction(ctx, match.params, (fn) => {
      const jobs = ctx.store.all().filter((job) => job.function === fn.ref);
      return jsonReply(200, usageOf(jobs, window));
    }),
  );

/** `GET /usage/function/{owner_name}/{function_name}/versions/{version_slug}`. */
export const getFunctionVersionUsage: Handler = (ctx, { match, query }) =>
  usageWindow(query, (window) =>
    withVersion(ctx, match.params, (fn, version) => {
      const jobs = ctx.store
        .all()
        .filter((job) => job.function === fn.ref && job.functionId === version.id);
      return jsonReply(200, usageOf(jobs, window));
    }),
  );

/** `GET /usage/job/{job_id}`: what the job cost so far (it starts no child jobs). */
export const getJobCost: Handler = (ctx, { match, query }) =>
  checked(
    (issues) => readBoolean(query, "aggregated", true, issues),
    () => {
      const job = ctx.store.get(match.params.job_id ?? "");
      if (!job) return detailReply(404, "Job not found.");
      const [owner = "", name = ""] = job.function.split("/");
      const cost: JobCost = {
        job_id: job.id,
        function_name: name,
        function_owner_name: owner,
        function_id: job.functionId,
        cost: jobCost(job),
      };
      return jsonReply(200, cost);
    },
  );

/** `GET /usage/credits`: the starting credits less every job's cost so far. */
export const getCredits: Handler = (ctx) => {
  const spent = ctx.store.all().reduce((sum, job) => sum + jobCost(job), 0);
  return jsonReply(200, { credits_remaining: ctx.credits - spent });
};

/**
 * `GET /usage/concurrency`: the jobs pushed in each chunk of the window (the previous UTC day
 * by default); 422 for a bad time, a `chunk_size` under 30, an unknown `status`, or a window
 * that ends before it starts or spans more than a week.
 */
export const getConcurrencyHistory: Handler = (ctx, { query }) =>
  checked(
    (issues) => {
      const { fromMs, toMs } = previousDay();
      const from = readMinute(query, "start", fromMs, issues);
      const to = readMinute(query, "end", toMs, issues);
      if (issues.length === 0 && (to < from || to - from > WEEK_MS)) {
        const msg = "Value error, end must not be before start, nor more than a week after it";
        issues.push({ loc: ["query", "end"], msg, type: "value_error" });
      }
      return {
        fromMs: from,
        toMs: to,
        chunkMinutes: readInt(query, "chunk_size", 60, issues, 30),
        status: readEnum(query, "status", CHUNK_STATUSES, "finished", issues),
        functionRef: query.get("function") ?? undefined,
      };
    },
    (history) =>
      jsonReply(200, concurrencyHistory(ctx.store.all(), history) satisfies ConcurrencyChunk[]),
  );

function usageWindow(query: URLSearchParams, answer: (window: UsageWindow) => Answer): Answer {
  return withWindow(query, ["start_timestamp", "end_timestamp"], (window: TimeWindow) =>
    answer({
      fromMs: window.fromUs === undefined ? -Infinity : window.fromUs / 1_000,
      toMs: window.toUs === undefined ? Infinity : window.toUs / 1_000,
    }),
  );
}
