import type { FunctionVersion, ValidationIssue } from "../../generated/sieve.js";
import {
  findVersion,
  type FunctionRegistry,
  type RegisteredFunction,
} from "./function-registry.js";
import { detailReply, validationReply, type Reply } from "./http-reply.js";
import type { JobRunner } from "./job-runner.js";
import type { JobStore } from "./job-store.js";
import type { JobWaiters } from "./job-waiters.js";
import { readTimestamp } from "./query-params.js";
import type { RouteMatch } from "./router.js";

/** The state the operations read and change, and the emulator's settings they use. */
export interface ApiContext {
  registry: FunctionRegistry;
  store: JobStore;
  runner: JobRunner;
  waiters: JobWaiters;
  awaitHoldMs: number;
  maxConcurrency: number;
  credits: number;
}

/** One authenticated request for a known operation. */
export interface ApiCall {
  match: RouteMatch;
  query: URLSearchParams;
  /** The raw body of a POST. */
  body?: string;
  /** Aborted when the client goes away (ends an `awaitJob` hold). */
  signal?: AbortSignal;
}

/** What an operation answers: a reply, or later one (`null`: the client is gone, write nothing). */
export type Answer = Reply | Promise<Reply | null>;

/** Answers one operation. */
export type Handler = (ctx: ApiContext, call: ApiCall) => Answer;

/**
 * Reads the query with `read`; answers 422 with every issue found, else `answer(value)`.
 */
export function checked<T>(
  read: (issues: ValidationIssue[]) => T,
  answer: (value: T) => Answer,
): Answer {
  const issues: ValidationIssue[] = [];
  const value = read(issues);
  return issues.length > 0 ? validationReply(issues) : answer(value);
}

/**
 * The function of the path's `owner_name` / `function_name`, or 404 `Function not found.`.
 */
export function withFunction(
  ctx: ApiContext,
  params: Record<string, string>,
  answer: (fn: RegisteredFunction) => Answer,
): Answer {
  const fn = ctx.registry.get(params.owner_name ?? "", params.function_name ?? "");
  return fn ? answer(fn) : detailReply(404, "Function not found.");
}

/**
 * The function and the version of the path's `version_slug` (`latest`, an id or an id prefix),
 * or 404 `Function not found.` / `Function version not found.`.
 */
export function withVersion(
  ctx: ApiContext,
  params: Record<string, string>,
  answer: (fn: RegisteredFunction, version: FunctionVersion) => Answer,
): Answer {
  return withFunction(ctx, params, (fn) => {
    const version = findVersion(fn, params.version_slug ?? "");
    return version ? answer(fn, version) : detailReply(404, "Function version not found.");
  });
}

/** A time window from two query parameters, in microseconds; either end may be open. */
export interface TimeWindow {
  fromUs?: number;
  toUs?: number;
}

/**
 * Reads a window of two timestamps (POSIX seconds or nanoseconds); answers 422 for one that is
 * not a number and 400 `Invalid timestamps provided.` for a negative one or an end before the
 * start.
 */
export function withWindow(
  query: URLSearchParams,
  [startName, endName]: [string, string],
  answer: (window: TimeWindow) => Answer,
): Answer {
  return checked(
    (issues) => ({
      fromUs: readTimestamp(query, startName, issues),
      toUs: readTimestamp(query, endName, issues),
    }),
    (window) => {
      const { fromUs = 0, toUs = Infinity } = window;
      if (fromUs < 0 || toUs < 0 || toUs < fromUs) {
        return detailReply(400, "Invalid timestamps provided.");
      }
      return answer(window);
    },
  );
}
