import { SieveInputError } from "../errors/sieve-input-error.js";
import { assertPathSegment, typeName } from "./path-segment.js";

/** A function reference split into its parts. */
export interface FunctionRef {
  owner: string;
  name: string;
  version?: string;
}

/**
 * Parses `owner/name`, or `owner/name:version` where `allowVersion` is set (a push may pin a
 * version; the metadata endpoints take none). Each part must be a valid path segment.
 *
 * @example
 * parseFunctionRef("function", "sieve/dubbing:2", { allowVersion: true }); // { owner: "sieve", name: "dubbing", version: "2" }
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
    throw new SieveInputError(field, `expected ${expected}, got "${ref}"`);
  }
  const owner = ref.slice(0, slash);
  let name = ref.slice(slash + 1);
  let version: string | undefined;
  const colon = name.indexOf(":");
  if (colon !== -1) {
    if (!allowVersion)
      throw new SieveInputError(field, `expected ${expected} without a version, got "${ref}"`);
    version = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (version === "" || version.includes(":")) {
      throw new SieveInputError(field, `expected ${expected}, got "${ref}"`);
    }
  }
  assertPathSegment(`${field} owner`, owner);
  assertPathSegment(`${field} name`, name);
  return version === undefined ? { owner, name } : { owner, name, version };
}
