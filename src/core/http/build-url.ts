import { createQuerySerializer } from "openapi-fetch";
import { guardedPathSerializer } from "./guarded-path-serializer.js";

const serializeQuery = createQuerySerializer();

/**
 * Builds a request URL from the spec's path template with openapi-fetch's own serializers, the
 * ones `sieve.raw` uses: each `{param}` guarded as a path segment (see `guardedPathSerializer`)
 * and percent-encoded; each defined query value appended, encoded. So the typed methods and
 * `sieve.raw` build every URL the same way.
 */
export function buildUrl(
  baseUrl: string,
  template: string,
  path: Record<string, unknown> | undefined,
  query: Record<string, unknown> | undefined,
): string {
  const pathname = guardedPathSerializer(template, path ?? {});
  const search = query ? serializeQuery(query) : "";
  return search ? `${baseUrl}${pathname}?${search}` : baseUrl + pathname;
}
