import { SieveInputError } from "../errors/sieve-input-error.js";
import { checkPathSegment } from "./path-segment.js";
import { quoteValue, typeName } from "./quote-value.js";

/** A function reference split into its parts. */
export interface FunctionRef {
  owner: string;
  name: string;
  version?: string;
}

/**
 * What one part of a ref (owner, name, version) may be: a letter or digit, then letters,
 * digits, `.`, `-` or `_`. Real refs fit (`sieve/text-to-speech`, `sieve-internal/whisperx`,
 * versions such as `2.1` or a hex id); whitespace, `:` inside a part, `@` or `%` do not.
 */
export const FUNCTION_REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Parses `owner/name`, or `owner/name:version` where `allowVersion` is set (a push may pin a
 * version; the metadata endpoints take none). Each part must be a valid path segment and match
 * `FUNCTION_REF_PART`, so `"demo/echo "` and `"a:b/c"` are refused before anything is sent.
 */
export function parseFunctionRef(
  field: string,
  ref: unknown,
  { allowVersion = false }: { allowVersion?: boolean } = {},
): FunctionRef {
  if (typeof ref !== "string")
    throw new SieveInputError(field, `expected "owner/name", got ${typeName(ref)}`);
  const expected = allowVersion ? '"owner/name" or "owner/name:version"' : '"owner/name"';
  const slash = ref.indexOf("/");
  if (slash === -1 || ref.indexOf("/", slash + 1) !== -1) {
    throw new SieveInputError(field, `expected ${expected}, got ${quoteValue(ref)}`);
  }
  const owner = ref.slice(0, slash);
  let name = ref.slice(slash + 1);
  let version: string | undefined;
  const colon = name.indexOf(":");
  if (colon !== -1) {
    if (!allowVersion) {
      throw new SieveInputError(
        field,
        `expected ${expected} without a version, got ${quoteValue(ref)}`,
      );
    }
    version = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (version === "" || version.includes(":")) {
      throw new SieveInputError(field, `expected ${expected}, got ${quoteValue(ref)}`);
    }
  }
  checkRefPart(`${field} owner`, owner);
  checkRefPart(`${field} name`, name);
  if (version !== undefined) checkRefPart(`${field} version`, version);
  return version === undefined ? { owner, name } : { owner, name, version };
}

function checkRefPart(field: string, part: string): void {
  checkPathSegment(field, part);
  if (!FUNCTION_REF_PART.test(part)) {
    throw new SieveInputError(
      field,
      `expected a letter or digit, then letters, digits, ".", "-" or "_", got ${quoteValue(part)}`,
    );
  }
}
