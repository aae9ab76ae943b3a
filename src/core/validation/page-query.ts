import type { JobStatus } from "../../../generated/sieve.js";
import { SieveInputError } from "../errors/sieve-input-error.js";
import { checkCount, checkJobStatus, checkKnownKeys, checkOptionalObject } from "./query-params.js";
import { quoteValue } from "./quote-value.js";

/** The paging query a list endpoint takes. */
export interface PageQuery {
  limit?: number;
  offset?: number;
  status?: JobStatus;
}

/**
 * Checks a list call's `{ limit?, offset?, status? }` (`status` only where `withStatus`) and
 * returns only the fields that are set.
 */
export function checkPageQuery(
  params: PageQuery | undefined,
  { withStatus }: { withStatus: boolean },
): PageQuery {
  const query = checkOptionalObject("params", params);
  checkKnownKeys("params", query, withStatus ? ["limit", "offset", "status"] : ["limit", "offset"]);
  const limit = checkCount("params.limit", query.limit);
  const offset = checkCount("params.offset", query.offset);
  const status = withStatus ? checkJobStatus("params.status", query.status) : undefined;
  return {
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset }),
    ...(status === undefined ? {} : { status }),
  };
}

const DEFAULT_PAGE_SIZE = 100;

/**
 * Checks the params of an iterator over pages (`jobs.all`, `functions.allJobs`,
 * `functions.allVersions`): `pageSize` (default 100) and, `withStatus`, a status filter.
 */
export function checkIterationParams(
  params: { status?: JobStatus; pageSize?: number } | undefined,
  { withStatus }: { withStatus: boolean },
): { pageSize: number; filter: PageQuery } {
  const given = checkOptionalObject("params", params);
  checkKnownKeys("params", given, withStatus ? ["status", "pageSize"] : ["pageSize"]);
  const { pageSize = DEFAULT_PAGE_SIZE, status } = given;
  if (typeof pageSize !== "number" || !Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new SieveInputError(
      "params.pageSize",
      `expected a positive integer, got ${quoteValue(pageSize)}`,
    );
  }
  const filter =
    status === undefined ? {} : { status: checkJobStatus("params.status", status) as JobStatus };
  return { pageSize, filter };
}
