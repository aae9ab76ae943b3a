import { defaultPathSerializer } from "openapi-fetch";
import { checkPathSegment } from "../validation/path-segment.js";

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * openapi-fetch's path serializer with a guard in front: every `{param}` of the path must be
 * given as a valid segment (not empty, `.` or `..`, no `/`), or the call throws
 * `SieveInputError` before anything is sent. Bare openapi-fetch turns `job_id: ".."` into
 * `GET /v2/` and leaves a missing parameter as a literal `{job_id}`. This also guards `sieve.raw`.
 */
export function guardedPathSerializer(
  pathname: string,
  pathParams: Record<string, unknown>,
): string {
  for (const match of pathname.matchAll(PATH_PARAM)) {
    const name = match[1] as string;
    checkPathSegment(`path parameter ${name}`, pathParams?.[name]);
  }
  return defaultPathSerializer(pathname, pathParams);
}
