import type { operations } from "../../generated/sieve.js";
import { detailReply, type Reply } from "./http-reply.js";

/** An operation of openapi/sieve.yaml. */
export type OperationId = keyof operations;

/** The operation a request is for, with its path parameters (decoded). */
export interface RouteMatch {
  operation: OperationId;
  params: Record<string, string>;
}

type Route = { method: string; pattern: string[]; operation: OperationId };

const FN = ["functions", "{owner_name}", "{function_name}"];
const VERSION = [...FN, "versions", "{version_slug}"];
const USAGE_FN = ["usage", "function", "{owner_name}", "{function_name}"];

const ROUTES: readonly Route[] = [
  { method: "POST", pattern: ["push"], operation: "pushJob" },
  { method: "GET", pattern: ["jobs"], operation: "listJobs" },
  { method: "GET", pattern: ["jobs", "{job_id}"], operation: "getJob" },
  { method: "DELETE", pattern: ["jobs", "{job_id}"], operation: "cancelJob" },
  { method: "GET", pattern: ["jobs", "{job_id}", "await"], operation: "awaitJob" },
  { method: "GET", pattern: ["logs"], operation: "getLogs" },
  { method: "GET", pattern: ["functions"], operation: "listFunctions" },
  { method: "GET", pattern: FN, operation: "getFunction" },
  { method: "POST", pattern: [...FN, "edit"], operation: "editFunction" },
  { method: "GET", pattern: [...FN, "versions"], operation: "listFunctionVersions" },
  { method: "GET", pattern: [...FN, "jobs"], operation: "listFunctionJobs" },
  { method: "GET", pattern: VERSION, operation: "getFunctionVersion" },
  { method: "GET", pattern: [...VERSION, "jobs"], operation: "listFunctionVersionJobs" },
  { method: "POST", pattern: [...VERSION, "edit"], operation: "editFunctionVersion" },
  { method: "GET", pattern: ["usage"], operation: "getUsage" },
  { method: "GET", pattern: ["usage", "function"], operation: "getUsagePerFunction" },
  { method: "GET", pattern: USAGE_FN, operation: "getFunctionUsage" },
  {
    method: "GET",
    pattern: [...USAGE_FN, "versions", "{version_slug}"],
    operation: "getFunctionVersionUsage",
  },
  { method: "GET", pattern: ["usage", "job", "{job_id}"], operation: "getJobCost" },
  { method: "GET", pattern: ["usage", "credits"], operation: "getCredits" },
  { method: "GET", pattern: ["usage", "concurrency"], operation: "getConcurrencyHistory" },
  { method: "GET", pattern: ["user", "concurrency"], operation: "getConcurrency" },
  { method: "GET", pattern: ["services", "compute"], operation: "getComputeAvailability" },
];

/**
 * Finds the operation for a method and an API path (after `/v2`). Answers FastAPI's
 * `404 {"detail":"Not Found"}` for an unknown path and `405` for a known path with another
 * method.
 */
export function matchRoute(method: string, path: string): RouteMatch | Reply {
  const segments = path.split("/").slice(1);
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const params = matchSegments(route.pattern, segments);
    if (!params) continue;
    if (route.method === method) return { operation: route.operation, params };
    allowed.push(route.method);
  }
  if (allowed.length === 0) return detailReply(404, "Not Found");
  const reply = detailReply(405, "Method Not Allowed");
  reply.headers["allow"] = allowed.join(", ");
  return reply;
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? "";
    if (part.startsWith("{")) {
      if (segment === "") return undefined;
      try {
        params[part.slice(1, -1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
