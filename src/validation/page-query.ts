import type { JobStatus } from "../../generated/sieve.js";
import {
  assertCount,
  assertJobStatus,
  assertKnownKeys,
  assertOptionalObject,
} from "./query-params.js";

/** The paging query a list endpoint takes. */
export interface PageQuery {
  limit?: number;
  offset?: number;
  status?: JobStatus;
}

/**
 * Checks a list call's `{ limit?, offset?, status? }` (`status` only where `withStatus`) and
 * returns only the fields that are set.
 *
 * @example
 * checkPageQuery({ limit: 10 }, { withStatus: true }); // { limit: 10 }
 */
export function checkPageQuery(
  params: PageQuery | undefined,
  { withStatus }: { withStatus: boolean },
): PageQuery {
  const query = assertOptionalObject("params", params);
  assertKnownKeys(
    "params",
    query,
    withStatus ? ["limit", "offset", "status"] : ["limit", "offset"],
  );
  const limit = assertCount("params.limit", query.limit);
  const offset = assertCount("params.offset", query.offset);
  const status = withStatus ? assertJobStatus("params.status", query.status) : undefined;
  return {
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset }),
    ...(status === undefined ? {} : { status }),
  };
}
