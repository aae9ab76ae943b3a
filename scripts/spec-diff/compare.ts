/**
 * Compares two OpenAPI documents with `api-smart-diff` after {@link normalizeDocument}, and
 * turns each difference it finds into a {@link Change}: its classification, the operation it
 * belongs to, and one readable sentence saying where and what.
 *
 * `api-smart-diff` decides what is breaking, from the point of view of a client written for the
 * base document (ours) that now talks to an API described by the other one: an operation or a
 * required response property that the other document lacks is breaking, and so are a request
 * field it newly requires and an enum value it adds to a response. Its own sentences are not used:
 * inside parameters they can name the wrong parameter, so each change is described here from
 * the JSON path. Three classifications of api-smart-diff 1.0.6 are corrected:
 * - `nullable`: the library has it backwards (a request field that now accepts null is
 *   "breaking", a response field that may now be null is not). Here a response that may now be
 *   null, or a request that no longer accepts null, is breaking; the opposite is not.
 * - a changed `type` in a response: the library calls it non-breaking (it reverses its request
 *   rule for responses, and for a replaced type that is wrong); here it is breaking.
 * - the library leaves a changed `example` of a parameter or media type unclassified; here it
 *   is an annotation, like a schema's `example`.
 */
import { apiCompare } from "api-smart-diff";
import { alignParameters, isObject, normalizeDocument, type JsonObject } from "./normalize.js";

/** How a change affects a client written for the base document. */
export type ChangeType = "breaking" | "non-breaking" | "unclassified" | "deprecated" | "annotation";

/** Every {@link ChangeType}, most important first: the order of the report's sections. */
export const CHANGE_TYPES: readonly ChangeType[] = [
  "breaking",
  "non-breaking",
  "unclassified",
  "deprecated",
  "annotation",
];

/** One difference between the base document and the other one. */
export interface Change {
  type: ChangeType;
  /** What happened in the other document, relative to the base. */
  action: "add" | "remove" | "replace" | "rename";
  /** `GET /v2/jobs/{job_id}`, or undefined for a change outside any operation. */
  operation?: string;
  /** Where and what, in one line: `response 200 body: property "outputs" removed`. */
  message: string;
  /** The JSON path in the normalised base document (added items: in the merged one). */
  path: (string | number)[];
  /** The value in the base document, when it is a scalar or a list of scalars. */
  before?: unknown;
  /** The value in the other document, when it is a scalar or a list of scalars. */
  after?: unknown;
}

/** Names of the two documents, as the sentences quote them. */
export interface DocumentNames {
  base: string;
  other: string;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const COMBINERS = new Set(["anyOf", "oneOf", "allOf"]);

/** Keys that make an object read as a schema in a message, not as a value. */
const SCHEMA_KEYS = ["type", "properties", "items", "anyOf", "oneOf", "allOf", "enum", "$ref"];

/**
 * A short rendering of a value for a one-line message: a schema (any object when `schema` is
 * set) as its type (`"object" schema with 3 properties`, `anyOf schema (2 branches)`), anything
 * else as truncated JSON.
 */
function preview(value: unknown, schema = false, max = 60): string {
  let text: string;
  if (isObject(value) && (schema || SCHEMA_KEYS.some((key) => key in value))) {
    const combiner = ["anyOf", "oneOf", "allOf"].find((key) => Array.isArray(value[key]));
    const branches = combiner ? (value[combiner] as unknown[]).length : 0;
    text =
      value.type !== undefined
        ? `${JSON.stringify(value.type)} schema`
        : combiner
          ? `${combiner} schema (${branches} branches)`
          : "schema of any type";
    const props = isObject(value.properties) ? Object.keys(value.properties).length : 0;
    if (props > 0) text += ` with ${props} ${props === 1 ? "property" : "properties"}`;
  } else {
    text = JSON.stringify(value) ?? "undefined";
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The value at `path` in `root`, or undefined. */
function at(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[String(key)];
    else return undefined;
  }
  return node;
}

/** True for a scalar or a list of scalars: what a {@link Change} keeps as before/after. */
function isSmall(value: unknown): boolean {
  const scalar = (v: unknown): boolean => v === null || typeof v !== "object";
  return scalar(value) || (Array.isArray(value) && value.every(scalar));
}

/** `added` / `removed` / `changed` / `renamed`. */
function verb(action: Change["action"]): string {
  return { add: "added", remove: "removed", replace: "changed", rename: "renamed" }[action];
}

/** A generic sentence for a change to `key`: `format added: "uri"`, `minimum changed 0 → 1`. */
function keyChange(key: string, action: Change["action"], before: unknown, after: unknown): string {
  switch (action) {
    case "add":
      return `${key} added: ${preview(after)}`;
    case "remove":
      return `${key} removed (was ${preview(before)})`;
    case "rename":
      return `${String(before)} renamed to ${String(after)}`;
    default:
      return `${key} changed ${preview(before)} → ${preview(after)}`;
  }
}

/** One difference as the sentence builders see it. */
interface Ctx {
  action: Change["action"];
  before: unknown;
  after: unknown;
  names: DocumentNames;
}

/**
 * What changed inside a schema, from the path below the schema: the field it is on
 * (`property "data[].status"`, with any `anyOf[i]` branch it is in) and what happened to it.
 */
function describeSchemaChange(path: readonly (string | number)[], ctx: Ctx): string {
  const { action, before, after } = ctx;
  /** The dotted field path: `data[].function.name` (from the innermost `anyOf[i]`, if any). */
  let field = "";
  /** The rendered location so far: `property "x" anyOf[0]`. */
  const pieces: string[] = [];
  /** Whether `property "<field>"` still has to be added to `pieces`. */
  let pending = false;
  const join = (name: string): string => (field ? `${field}.${name}` : name);
  /** The location with a trailing space, or "" at the schema's root. */
  const where = (): string => {
    const all = pending ? [...pieces, `property "${field}"`] : pieces;
    return all.length > 0 ? `${all.join(" ")} ` : "";
  };
  const enterProperty = (name: string): void => {
    field = join(name);
    pending = true;
  };
  let i = 0;
  while (i < path.length) {
    const key = path[i];
    const next = path[i + 1];
    if (key === "properties" && next !== undefined) {
      enterProperty(String(next));
      if (i + 2 === path.length) {
        if (action === "add") return `${where()}added: ${preview(after, true)}`;
        if (action === "remove") return `${where()}removed`;
        return `${where()}${keyChange("schema", action, before, after)}`;
      }
      i += 2;
    } else if ((key === "items" || key === "additionalProperties") && i + 1 < path.length) {
      field = `${field}${key === "items" ? "[]" : "{*}"}`;
      pending = true;
      i += 1;
    } else if (typeof key === "string" && COMBINERS.has(key) && typeof next === "number") {
      if (pending) pieces.push(`property "${field}"`);
      pending = false;
      if (i + 2 === path.length) {
        const branch = preview(action === "add" ? after : before, true);
        return `${where()}${key} branch ${verb(action)}: ${branch}`;
      }
      pieces.push(`${key}[${next}]`);
      field = "";
      i += 2;
    } else {
      break;
    }
  }
  const rest = path.slice(i);
  const [key, index] = rest;
  if (key === "required" && typeof index === "number" && action !== "replace") {
    enterProperty(String(action === "add" ? after : before));
    return `${where()}${action === "add" ? "became required" : "no longer required"}`;
  }
  if (key === "enum" && typeof index === "number") {
    if (action === "add") return `${where()}enum value ${preview(after)} added`;
    if (action === "remove") return `${where()}enum value ${preview(before)} removed`;
  }
  if (key === "nullable" && rest.length === 1) {
    if (action === "add" && after === true) return `${where()}became nullable`;
    if (action === "remove" && before === true) return `${where()}no longer nullable`;
  }
  if (key === "type" && rest.length === 1 && action === "replace") {
    return `${where()}type changed ${preview(before)} → ${preview(after)}`;
  }
  if (rest.length === 0) {
    if (action === "rename") return `${where()}${String(before)} became ${String(after)}`;
    return `${where()}schema ${verb(action)}${action === "add" ? `: ${preview(after)}` : ""}`;
  }
  return `${where()}${keyChange(rest.map(String).join("."), action, before, after)}`;
}

/** The `parameter query "limit"` label of the parameter at `index`. */
function parameterLabel(parameter: unknown): string {
  if (!isObject(parameter)) return "parameter";
  return `parameter ${String(parameter.in)} "${String(parameter.name)}"`;
}

/** The sentence for a change inside one operation (`path` is below the operation). */
function describeOperationChange(
  path: readonly (string | number)[],
  operationPath: readonly (string | number)[],
  docs: { base: JsonObject; other: JsonObject },
  ctx: Ctx,
): string {
  const { action, before, after, names } = ctx;
  if (path.length === 0) {
    if (action === "add") return `operation only in the other document (${names.other})`;
    if (action === "remove") return `operation only in ${names.base}`;
  }
  const [section, key, ...rest] = path;
  if (section === "parameters" && key !== undefined) {
    const parameter =
      rest.length === 0
        ? action === "add"
          ? after
          : before
        : (at(docs.base, [...operationPath, "parameters", key]) ??
          at(docs.other, [...operationPath, "parameters", key]));
    const label = parameterLabel(parameter);
    if (rest.length === 0) {
      if (action === "add") {
        const required = isObject(after) && after.required === true;
        return `${label} added (${required ? "required" : "optional"})`;
      }
      if (action === "remove") return `${label} removed`;
    }
    if (rest[0] === "required" && rest.length === 1) {
      if (after === true && before !== true) return `${label} became required`;
      if (before === true && after !== true) return `${label} no longer required`;
    }
    if (rest[0] === "schema") return `${label}: ${describeSchemaChange(rest.slice(1), ctx)}`;
    return `${label}: ${keyChange(rest.map(String).join("."), action, before, after)}`;
  }
  if (section === "requestBody" || section === "responses") {
    const isResponse = section === "responses";
    const code = isResponse ? String(key) : undefined;
    const body = isResponse ? path.slice(2) : path.slice(1);
    const label = isResponse ? `response ${code}` : "request body";
    if (body.length === 0) {
      if (action === "add") return `${label} added`;
      if (action === "remove") return `${label} removed`;
    }
    if (body[0] === "content" && body[1] !== undefined) {
      const mediaType = String(body[1]);
      const inBody = isResponse ? `${label} body` : label;
      const withType = mediaType === "application/json" ? inBody : `${inBody} (${mediaType})`;
      if (body.length === 2 && (action === "add" || action === "remove")) {
        return `${label} media type ${mediaType} ${verb(action)}`;
      }
      if (body[2] === "schema") return `${withType}: ${describeSchemaChange(body.slice(3), ctx)}`;
      return `${withType}: ${keyChange(body.slice(2).map(String).join("."), action, before, after)}`;
    }
    if (isResponse && body[0] === "headers" && body[1] !== undefined) {
      const header = `${label} header "${String(body[1])}"`;
      if (body.length === 2 && (action === "add" || action === "remove")) {
        return `${header} ${verb(action)}`;
      }
      if (body[2] === "schema") return `${header}: ${describeSchemaChange(body.slice(3), ctx)}`;
      return `${header}: ${keyChange(body.slice(2).map(String).join("."), action, before, after)}`;
    }
    if (!isResponse && body[0] === "required" && body.length === 1) {
      if (after === true && before !== true) return `${label} became required`;
      if (before === true && after !== true) return `${label} no longer required`;
    }
    return `${label}: ${keyChange(body.map(String).join("."), action, before, after)}`;
  }
  if (section === "security") {
    const requirement = action === "add" ? after : before;
    const text = isObject(requirement) ? Object.keys(requirement).join(" + ") || "none" : "";
    if (path.length === 2 && text) return `security requirement ${text} ${verb(action)}`;
    return `security: ${keyChange(path.slice(1).map(String).join("."), action, before, after)}`;
  }
  if (section === "callbacks" && key !== undefined) {
    const label = `callback "${String(key)}"`;
    if (rest.length === 0 && (action === "add" || action === "remove")) {
      return `${label} ${verb(action)}`;
    }
    return `${label}: ${keyChange(rest.map(String).join("."), action, before, after)}`;
  }
  if (section === "deprecated" && path.length === 1) {
    if (after === true) return "operation deprecated";
    if (before === true) return "operation no longer deprecated";
  }
  return keyChange(path.map(String).join("."), action, before, after);
}

/** The operation label and sentence for one `api-smart-diff` difference. */
function describe(
  path: readonly (string | number)[],
  docs: { base: JsonObject; other: JsonObject },
  ctx: Ctx,
): { operation?: string; message: string } {
  const [root, route, method] = path;
  if (root === "paths" && path.length === 1 && ctx.action === "rename") {
    return { operation: String(ctx.before), message: `path renamed to ${String(ctx.after)}` };
  }
  if ((root === "paths" || root === "webhooks") && route !== undefined) {
    const name = root === "webhooks" ? `webhook ${String(route)}` : String(route);
    if (typeof method === "string" && METHODS.includes(method)) {
      const operation = `${method.toUpperCase()} ${name}`;
      return {
        operation,
        message: describeOperationChange(path.slice(3), path.slice(0, 3), docs, ctx),
      };
    }
    if (path.length === 2) {
      const message =
        ctx.action === "add"
          ? `path only in the other document (${ctx.names.other})`
          : ctx.action === "remove"
            ? `path only in ${ctx.names.base}`
            : keyChange("path", ctx.action, ctx.before, ctx.after);
      return { operation: name, message };
    }
    return {
      operation: name,
      message: keyChange(path.slice(2).map(String).join("."), ctx.action, ctx.before, ctx.after),
    };
  }
  if (root === "components" && path[1] === "securitySchemes" && path[2] !== undefined) {
    const label = `security scheme ${String(path[2])}`;
    if (path.length === 3 && (ctx.action === "add" || ctx.action === "remove")) {
      return { message: `${label} ${verb(ctx.action)}` };
    }
    return {
      message: `${label}: ${keyChange(path.slice(3).map(String).join("."), ctx.action, ctx.before, ctx.after)}`,
    };
  }
  return { message: keyChange(path.map(String).join("."), ctx.action, ctx.before, ctx.after) };
}

/** True when `path` ends in an `example`/`examples` of a parameter, media type or schema. */
function isExamplePath(path: readonly (string | number)[]): boolean {
  return path.some(
    (key, i) => (key === "example" || key === "examples") && path[i - 1] !== "properties",
  );
}

/**
 * The classification of a change that api-smart-diff 1.0.6 gets wrong (see the module
 * comment), or undefined to keep the library's.
 * - `nullable`: in a response, becoming nullable is breaking; in a request, ceasing to be.
 * - a replaced `type` is breaking in a request and in a response alike, except a widening a
 *   client cannot notice (a request `integer` that becomes `number`, a response `number` that
 *   becomes `integer`); the library calls every response type change non-breaking.
 */
export function correctedChangeType(
  path: readonly (string | number)[],
  action: Change["action"],
  before: unknown,
  after: unknown,
): ChangeType | undefined {
  const key = path[path.length - 1];
  if (path[path.length - 2] === "properties") return undefined;
  const isResponse = path[3] === "responses";
  if (key === "nullable") {
    const becameNullable = after === true && before !== true;
    return becameNullable === isResponse ? "breaking" : "non-breaking";
  }
  if (key === "type" && action === "replace") {
    const widening = isResponse
      ? before === "number" && after === "integer"
      : before === "integer" && after === "number";
    return widening ? "non-breaking" : "breaking";
  }
  return undefined;
}

/** A stable order for operations: by path, then by HTTP method. */
function operationOrder(path: readonly (string | number)[]): [string, number] {
  const method = typeof path[2] === "string" ? METHODS.indexOf(path[2]) : -1;
  return [`${String(path[0])} ${String(path[1] ?? "")}`, method];
}

/**
 * Every difference between `base` and `other` (both validated OpenAPI 3.x documents), in a
 * stable order: by path, then method, then as found. `names` are how the sentences name the
 * two documents.
 */
export function compareDocuments(
  base: JsonObject,
  other: JsonObject,
  names: DocumentNames,
): Change[] {
  const [a, b] = alignParameters(normalizeDocument(base), normalizeDocument(other));
  const { diffs } = apiCompare(a, b);
  const changes = diffs.map((diff, index) => {
    const path = [...diff.path];
    let type: ChangeType = diff.type;
    if (type === "unclassified" && isExamplePath(path)) type = "annotation";
    type = correctedChangeType(path, diff.action, diff.before, diff.after) ?? type;
    const ctx: Ctx = { action: diff.action, before: diff.before, after: diff.after, names };
    const { operation, message } = describe(path, { base: a, other: b }, ctx);
    const change: Change = {
      type,
      action: diff.action,
      ...(operation !== undefined ? { operation } : {}),
      message,
      path,
    };
    if (diff.before !== undefined && isSmall(diff.before)) change.before = diff.before;
    if (diff.after !== undefined && isSmall(diff.after)) change.after = diff.after;
    return { change, index };
  });
  changes.sort((x, y) => {
    const [xRoute, xMethod] = operationOrder(x.change.path);
    const [yRoute, yMethod] = operationOrder(y.change.path);
    if (xRoute !== yRoute) return xRoute < yRoute ? -1 : 1;
    if (xMethod !== yMethod) return xMethod - yMethod;
    return x.index - y.index;
  });
  return changes.map(({ change }) => change);
}
