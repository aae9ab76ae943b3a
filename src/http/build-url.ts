import { checkPathSegment } from "../validation/path-segment.js";

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * Builds a request URL from the spec's path template: each `{param}` checked as a path segment
 * (not empty, `.` or `..`, no `/`) and percent-encoded; each defined query value appended,
 * encoded, in the order given.
 *
 * @example
 * buildUrl("https://mango.sievedata.com/v2", "/jobs/{job_id}", { job_id: "a b" }, { offset: 2 });
 * // "https://mango.sievedata.com/v2/jobs/a%20b?offset=2"
 */
export function buildUrl(
  baseUrl: string,
  template: string,
  path: Record<string, unknown> | undefined,
  query: Record<string, unknown> | undefined,
): string {
  const pathname = template.replace(PATH_PARAM, (_, name: string) =>
    encodeURIComponent(checkPathSegment(name, path?.[name])),
  );
  let search = "";
  if (query) {
    for (const key in query) {
      const value = query[key];
      if (value === undefined) continue;
      search += `${search ? "&" : "?"}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
    }
  }
  return baseUrl + pathname + search;
}
