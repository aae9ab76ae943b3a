import { SieveInputError } from "../errors/sieve-input-error.js";
import { quoteValue, typeName } from "./quote-value.js";

export { typeName } from "./quote-value.js";

/** The longest path segment (job id, owner, function name) accepted; a job id is 36. */
export const MAX_PATH_SEGMENT_LENGTH = 512;

// C0 controls, DEL, C1 controls, and the line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Checks a value that becomes one URL path segment (a job id, an owner, a function name): a
 * non-empty string of at most 512 characters, not `.` or `..`, with no `/`, no control
 * character and no leading or trailing whitespace (`" "` or `"id\n"` is a mistake, not an id,
 * though both could be percent-encoded). Bare openapi-fetch would turn `".."` into a request for
 * the parent path; other characters are safe because they are percent-encoded. A bad value is
 * quoted shortened.
 */
export function checkPathSegment(field: string, value: unknown): string {
  if (typeof value !== "string")
    throw new SieveInputError(field, `expected a string, got ${typeName(value)}`);
  if (value === "") throw new SieveInputError(field, "must not be empty");
  if (value.length > MAX_PATH_SEGMENT_LENGTH) {
    throw new SieveInputError(
      field,
      `must be at most ${MAX_PATH_SEGMENT_LENGTH} characters (got ${quoteValue(value)})`,
    );
  }
  if (value === "." || value === "..")
    throw new SieveInputError(field, `"${value}" is not an id or a name`);
  if (value.includes("/"))
    throw new SieveInputError(field, `must not contain "/" (got ${quoteValue(value)})`);
  if (CONTROL.test(value))
    throw new SieveInputError(
      field,
      `must not contain a control character (got ${quoteValue(value)})`,
    );
  if (value.trim() === "")
    throw new SieveInputError(field, `must not be only whitespace (got ${quoteValue(value)})`);
  if (value.trim() !== value) {
    throw new SieveInputError(
      field,
      `must not start or end with whitespace (got ${quoteValue(value)})`,
    );
  }
  return value;
}
