import {
  editFunctionRequestVisibilityValues,
  type EditFunctionRequest,
  type EditFunctionVersionRequest,
} from "../../../generated/sieve.js";
import { SieveInputError } from "../errors/sieve-input-error.js";
import { isPlainObject, toJsonValue } from "./json-value.js";
import { keysOf } from "./keys-of.js";
import { checkWebhook } from "./push-request.js";
import { checkKnownKeys } from "./query-params.js";
import { quoteValue, typeName } from "./quote-value.js";
import { COUNT, checkInput, type Rule } from "./rules.js";

const FUNCTION_FIELDS = keysOf<EditFunctionRequest>()([
  "code_url",
  "cover_image_url",
  "description",
  "examples",
  "readme",
  "tags",
  "title",
  "visibility",
  "webhooks",
]);
const VERSION_FIELDS = keysOf<EditFunctionVersionRequest>()([
  "minimum_replicas",
  "maximum_replicas",
]);

/** `null` clears a field: every edit field accepts it besides its own type. */
const orNull = <T>(rule: Rule<T>): Rule<T | null> => ({
  expected: `${rule.expected} or null`,
  test: (value): value is T | null => value === null || rule.test(value),
});
const TEXT = orNull<string>({
  expected: "a string",
  test: (value): value is string => typeof value === "string",
});
const TEXTS = orNull<string[]>({
  expected: "a list of strings",
  test: (value): value is string[] =>
    Array.isArray(value) && value.every((item) => typeof item === "string"),
});
const VISIBILITY = orNull<"public" | "private">({
  expected: editFunctionRequestVisibilityValues.map((v) => `"${v}"`).join(" or "),
  test: (value): value is "public" | "private" =>
    (editFunctionRequestVisibilityValues as readonly unknown[]).includes(value),
});
const REPLICAS = orNull(COUNT);

/** Checks that `changes` is a plain object with only the known fields, naming the first other. */
function checkChanges(changes: unknown, known: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(changes))
    throw new SieveInputError("changes", `expected an object, got ${typeName(changes)}`);
  checkKnownKeys("changes", changes, known);
  return changes;
}

/**
 * Checks the body of `POST /functions/{owner}/{name}/edit` before it is sent: an object of the
 * spec's fields only (a typo such as `description_` would otherwise change nothing, silently),
 * each a string, a list of strings or `"public"`/`"private"` as the spec says, or null; the
 * webhooks `{ hooks: [...] }`, each hook checked as a push's (`checkWebhook`). Returns the body
 * to send, `undefined` fields left out.
 */
export function checkEditFunctionRequest(changes: unknown): EditFunctionRequest {
  const given = checkChanges(changes, FUNCTION_FIELDS);
  for (const field of ["code_url", "cover_image_url", "description", "readme", "title"])
    checkInput(`changes.${field}`, given[field], TEXT);
  checkInput("changes.examples", given.examples, TEXTS);
  checkInput("changes.tags", given.tags, TEXTS);
  checkInput("changes.visibility", given.visibility, VISIBILITY);
  if (given.webhooks !== undefined && given.webhooks !== null) checkHooks(given.webhooks);
  return toJsonValue("changes", given) as EditFunctionRequest;
}

function checkHooks(webhooks: unknown): void {
  if (!isPlainObject(webhooks)) {
    const got = typeName(webhooks);
    throw new SieveInputError("changes.webhooks", `expected { hooks: [...] } or null, got ${got}`);
  }
  checkKnownKeys("changes.webhooks", webhooks, ["hooks"]);
  const { hooks } = webhooks;
  if (!Array.isArray(hooks))
    throw new SieveInputError(
      "changes.webhooks.hooks",
      `expected an array, got ${typeName(hooks)}`,
    );
  hooks.forEach((hook, index) => checkWebhook(`changes.webhooks.hooks[${index}]`, hook));
}

/**
 * Checks the body of `POST /functions/{owner}/{name}/versions/{slug}/edit` before it is sent:
 * only `minimum_replicas` and `maximum_replicas`, each a non-negative integer or null, the
 * minimum not above the maximum when both are given. Returns the body to send.
 */
export function checkEditFunctionVersionRequest(changes: unknown): EditFunctionVersionRequest {
  const given = checkChanges(changes, VERSION_FIELDS);
  const min = checkInput("changes.minimum_replicas", given.minimum_replicas, REPLICAS);
  const max = checkInput("changes.maximum_replicas", given.maximum_replicas, REPLICAS);
  if (typeof min === "number" && typeof max === "number" && max < min) {
    throw new SieveInputError(
      "changes.maximum_replicas",
      `must be at least minimum_replicas (${min}), got ${quoteValue(max)}`,
    );
  }
  return {
    ...(min === undefined ? {} : { minimum_replicas: min }),
    ...(max === undefined ? {} : { maximum_replicas: max }),
  };
}
