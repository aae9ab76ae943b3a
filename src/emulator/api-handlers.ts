import { getComputeAvailability, getConcurrency } from "./account-handlers.js";
import {
  editFunction,
  editFunctionVersion,
  getFunction,
  getFunctionVersion,
  listFunctionJobs,
  listFunctions,
  listFunctionVersionJobs,
  listFunctionVersions,
} from "./function-handlers.js";
import type { Answer, ApiCall, ApiContext, Handler } from "./handler-support.js";
import { awaitJob, cancelJob, getJob, listJobs, pushJob } from "./job-handlers.js";
import { getLogs } from "./log-handlers.js";
import type { OperationId } from "./router.js";
import {
  getConcurrencyHistory,
  getCredits,
  getFunctionUsage,
  getFunctionVersionUsage,
  getJobCost,
  getUsage,
  getUsagePerFunction,
} from "./usage-handlers.js";

/** One handler per operation of openapi/sieve.yaml; the type makes a missing one an error. */
const HANDLERS: Record<OperationId, Handler> = {
  pushJob,
  listJobs,
  getJob,
  cancelJob,
  awaitJob,
  getLogs,
  listFunctions,
  getFunction,
  editFunction,
  listFunctionVersions,
  getFunctionVersion,
  editFunctionVersion,
  listFunctionJobs,
  listFunctionVersionJobs,
  getUsage,
  getUsagePerFunction,
  getFunctionUsage,
  getFunctionVersionUsage,
  getJobCost,
  getCredits,
  getConcurrencyHistory,
  getConcurrency,
  getComputeAvailability,
};

/**
 * Answers one operation of openapi/sieve.yaml from the emulator's state, as Sieve would:
 * query and body problems first (422), then unknown jobs or functions (404), then the result.
 */
export function handleOperation(ctx: ApiContext, call: ApiCall): Answer {
  return HANDLERS[call.match.operation](ctx, call);
}
