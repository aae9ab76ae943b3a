import { createQuerySerializer } from "openapi-fetch";
import { checkPathSegment } from "../validation/path-segment.js";
import { guardedPathSerializer } from "./guarded-path-serializer.js";

const serializeQuery = createQuerySerializer();

/** A template's text between its parameters, its parameters' names, and their field names. */
interface Template {
  literals: string[];
  names: string[];
  fields: string[];
}

const PATH_PARAM = /\{([^{}]+)\}/g;
const PLAIN_NAME = /^\w+$/;
/** Each template the typed methods call (a fixed set, from the spec), split once. */
const templates = new Map<string, Template | null>();

/**
 * Builds a request URL from the spec's path template with openapi-fetch's own serializers, the
 * ones `sieve.raw` uses: each `{param}` guarded as a path segment (see `guardedPathSerializer`)
 * and percent-encoded; each defined query value appended, encoded. So the typed methods and
 * `sieve.raw` build every URL the same way. A template whose parameters are all plain `{name}`s
 * (every one in the spec) is split once, then filled per call with what openapi-fetch's
 * serializer gives a string: `encodeURIComponent(value)`.
 */
export function buildUrl(
  baseUrl: string,
  template: string,
  path: Record<string, unknown> | undefined,
  query: Record<string, unknown> | undefined,
): string {
  const pathname = fillTemplate(template, path ?? {});
  const search = query && hasValue(query) ? serializeQuery(query) : "";
  return search ? `${baseUrl}${pathname}?${search}` : baseUrl + pathname;
}

function fillTemplate(template: string, path: Record<string, unknown>): string {
  let split = templates.get(template);
  if (split === undefined) {
    split = splitTemplate(template);
    templates.set(template, split);
  }
  if (split === null) return guardedPathSerializer(template, path);
  const { literals, names, fields } = split;
  let pathname = literals[0] as string;
  for (let i = 0; i < names.length; i++) {
    const value = checkPathSegment(fields[i] as string, path[names[i] as string]);
    pathname += encodeURIComponent(value) + (literals[i + 1] as string);
  }
  return pathname;
}

/** The template split at its parameters, or null when one is not a plain `{name}`. */
function splitTemplate(template: string): Template | null {
  const split: Template = { literals: [], names: [], fields: [] };
  let last = 0;
  for (const match of template.matchAll(PATH_PARAM)) {
    const name = match[1] as string;
    if (!PLAIN_NAME.test(name)) return null;
    split.literals.push(template.slice(last, match.index));
    split.names.push(name);
    split.fields.push(`path parameter ${name}`);
    last = match.index + match[0].length;
  }
  split.literals.push(template.slice(last));
  return split;
}

/** Whether any query value is set: the serializer skips undefined and null ones. */
function hasValue(query: Record<string, unknown>): boolean {
  for (const name in query) if (query[name] !== undefined && query[name] !== null) return true;
  return false;
}
