/**
 * Puts two OpenAPI documents into one comparable shape before `api-smart-diff` compares them, so
 * that only differences in what goes over the wire are reported, not differences in how each
 * document happens to be written. The exported functions are pure: they return new objects
 * and never change their arguments.
 *
 * What is normalised, in order:
 * 1. `$ref`s: every local reference (`#/...`) is replaced by a copy of what it points at, with
 *    any sibling keys of the `$ref` (3.1) laid over it, so a changed component schema is
 *    reported at each operation, parameter and field that uses it, and two documents that name
 *    their components differently still compare equal. A reference back into itself (a
 *    recursive schema) is kept as a `$ref` at the point where it recurses.
 * 2. Servers: the path of the first server URL (its variables set to their defaults) is folded
 *    into each path, so `/v2/jobs` with no server and `/jobs` on `https://host/v2` compare equal.
 *    A path item's own `servers` win over the document's.
 * 3. Parameters: a path item's parameters are copied into each of its operations (an
 *    operation's own parameter of the same name and place wins). {@link alignParameters} then
 *    puts the parameters of each operation in one order in both documents; a path parameter is
 *    matched by its position in the path, so `/jobs/{id}` and `/jobs/{job_id}` are one path.
 * 4. Security: each operation gets its effective requirements (its own, else the document's),
 *    and each scheme is renamed after what it is (`apiKey header "X-API-Key"`), so two names for
 *    the same scheme compare equal and a change of header is reported on each operation.
 * 5. Schemas, to the OpenAPI 3.0 dialect:
 *    - null: `type: [T, "null"]`, and a `null`-only branch of `anyOf`/`oneOf` (`{type: "null"}`,
 *      `{enum: [null]}`, `{const: null}`, or an `allOf` of one with annotations) become
 *      `nullable: true`; when one branch is left, the `anyOf`/`oneOf` is replaced by it. So 3.1's
 *      `anyOf: [X, {type: "null"}]`, 3.0's `X` + `nullable: true` and 3.0's
 *      `oneOf: [X, {enum: [null]}]` are the same schema. `nullable: false` is dropped.
 *    - an `allOf` of a single schema plus annotation-only members (`description`, `title`...,
 *      the way a `$ref` gets a description in 3.0) is merged into one schema.
 *    - `const: v` becomes `enum: [v]`; a numeric `exclusiveMinimum`/`exclusiveMaximum` (3.1)
 *      becomes `minimum`/`maximum` plus `exclusiveMinimum`/`exclusiveMaximum: true`;
 *      `examples: [a, ...]` on a schema becomes `example: a`.
 * 6. What is not an operation is left out: `info`, `tags`, `externalDocs`, `servers`, the
 *    document-level `security` (now on each operation) and `components` (now inlined), except
 *    the renamed security schemes; 3.1 `webhooks` are kept and compared like paths. Both
 *    documents are then labelled `openapi: 3.0.3`, so the same comparison rules apply to both.
 */

/** A JSON object: an OpenAPI document or any part of one. */
export type JsonObject = { [key: string]: unknown };

/** A document that cannot be compared: bad input, reported as a usage error (exit code 2). */
export class SpecInputError extends Error {
  override name = "SpecInputError";
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Keys a schema may hold that say nothing about which values are valid. */
const ANNOTATION_KEYS = new Set([
  "description",
  "title",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "$comment",
  "xml",
]);

/** Keys whose value is one schema. */
const SUBSCHEMA_KEYS = [
  "items",
  "additionalProperties",
  "not",
  "contains",
  "propertyNames",
  "additionalItems",
  "unevaluatedItems",
  "unevaluatedProperties",
  "if",
  "then",
  "else",
];
/** Keys whose value is a list of schemas. */
const SUBSCHEMA_LIST_KEYS = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Keys whose value maps names to schemas. */
const SUBSCHEMA_MAP_KEYS = ["properties", "patternProperties", "dependentSchemas", "$defs"];

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks that `value` looks like an OpenAPI 3.x document (an `openapi: 3.*` version and a
 * `paths` object) and returns it typed; throws {@link SpecInputError} naming `source` if not.
 */
export function assertOpenApiDocument(value: unknown, source: string): JsonObject {
  if (!isObject(value) || typeof value.openapi !== "string") {
    throw new SpecInputError(`${source} is not an OpenAPI document (no "openapi" version field)`);
  }
  if (!/^3\.[01]\./.test(value.openapi)) {
    throw new SpecInputError(
      `${source} is OpenAPI ${value.openapi}; only OpenAPI 3.0 and 3.1 are supported`,
    );
  }
  if (!isObject(value.paths)) {
    throw new SpecInputError(`${source} is not an OpenAPI document (no "paths" object)`);
  }
  return value;
}

/** The value at a local JSON pointer (`#/components/schemas/Job`) in `root`. */
function resolvePointer(root: JsonObject, ref: string): unknown {
  const tokens = ref
    .slice(1)
    .split("/")
    .slice(1)
    .map((token) => decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else node = undefined;
    if (node === undefined) break;
  }
  return node;
}

/**
 * A deep copy of `doc` with every local `$ref` replaced by a copy of its target, sibling keys
 * of the `$ref` laid over the target. A `$ref` met again while its own target is being copied
 * (recursion) is left as it is. Throws {@link SpecInputError} for an external or dangling
 * `$ref`: bundle such a document first (`npx redocly bundle`).
 */
export function dereference(doc: JsonObject): JsonObject {
  const walk = (node: unknown, active: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, active));
    if (!isObject(node)) return node;
    const ref = node.$ref;
    if (typeof ref === "string") {
      if (!ref.startsWith("#")) {
        throw new SpecInputError(
          `external $ref "${ref}" is not supported: bundle the document first (npx redocly bundle)`,
        );
      }
      if (!active.includes(ref)) {
        const target = resolvePointer(doc, ref);
        if (target === undefined) throw new SpecInputError(`$ref "${ref}" points at nothing`);
        const resolved = walk(target, [...active, ref]);
        const { $ref: _ref, ...siblings } = node;
        const rest = walk(siblings, active) as JsonObject;
        return isObject(resolved) ? { ...resolved, ...rest } : resolved;
      }
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value, active);
    return out;
  };
  return walk(doc, []) as JsonObject;
}

/**
 * The path part of a list of OpenAPI server objects' first URL, without a trailing slash:
 * `"/v2"` for `https://mango.sievedata.com/v2`, `""` for none, `/` or a host alone. Server
 * variables are replaced by their defaults.
 */
export function serverPathPrefix(servers: unknown): string {
  if (!Array.isArray(servers) || !isObject(servers[0])) return "";
  const server = servers[0];
  if (typeof server.url !== "string") return "";
  const variables = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === "string" ? variable.default : whole;
  });
  let pathname: string;
  try {
    pathname = new URL(url, "http://relative.invalid").pathname;
  } catch {
    return "";
  }
  return decodeURI(pathname).replace(/\/+$/, "");
}

/** The name a security scheme is compared by: what it is, not what a document calls it. */
function schemeIdentity(name: string, scheme: unknown): string {
  if (!isObject(scheme)) return name;
  switch (scheme.type) {
    case "apiKey":
      return `apiKey ${String(scheme.in)} "${String(scheme.name)}"`;
    case "http":
      return `http ${String(scheme.scheme).toLowerCase()}`;
    case "openIdConnect":
      return `openIdConnect ${String(scheme.openIdConnectUrl)}`;
    default:
      return `${String(scheme.type)} ${name}`;
  }
}

/** True when a schema only annotates (its keys are all description, title, example...). */
function isAnnotationOnly(schema: JsonObject): boolean {
  return Object.keys(schema).every((key) => ANNOTATION_KEYS.has(key) || key.startsWith("x-"));
}

/** True for a schema whose only valid value is `null`. */
function isNullOnly(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  const { type, enum: values, const: constant, allOf, nullable: _nullable, ...rest } = schema;
  const others = Object.keys(rest).every((key) => ANNOTATION_KEYS.has(key) || key.startsWith("x-"));
  if (!others) return false;
  if (type === "null" && values === undefined && allOf === undefined) return true;
  if (Array.isArray(values) && values.length === 1 && values[0] === null && type === undefined) {
    return allOf === undefined;
  }
  if ("const" in schema && constant === null && type === undefined) return allOf === undefined;
  if (Array.isArray(allOf) && type === undefined && values === undefined) {
    const nulls = allOf.filter(isNullOnly);
    return (
      nulls.length > 0 && allOf.every((m) => isNullOnly(m) || (isObject(m) && isAnnotationOnly(m)))
    );
  }
  return false;
}

/** Turns 3.1 numeric exclusive bounds into 3.0's boolean form. */
function exclusiveBounds(schema: JsonObject): void {
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    const value = schema[exclusive];
    if (typeof value === "number") {
      schema[bound] = value;
      schema[exclusive] = true;
    } else if (value === false) {
      delete schema[exclusive];
    }
  }
}

/**
 * One schema (and everything under it) in the 3.0 dialect with null written as
 * `nullable: true`, single-schema `allOf` wrappers merged, and `const` as a one-value `enum`;
 * see the module comment for the whole list.
 */
export function normalizeSchema(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(normalizeSchema);
  if (!isObject(input)) return input;
  let schema: JsonObject = { ...input };

  for (const key of SUBSCHEMA_KEYS) {
    if (isObject(schema[key])) schema[key] = normalizeSchema(schema[key]);
  }
  for (const key of SUBSCHEMA_LIST_KEYS) {
    const list = schema[key];
    if (Array.isArray(list)) schema[key] = list.map(normalizeSchema);
  }
  for (const key of SUBSCHEMA_MAP_KEYS) {
    const map = schema[key];
    if (!isObject(map)) continue;
    const out: JsonObject = {};
    for (const [name, sub] of Object.entries(map)) out[name] = normalizeSchema(sub);
    schema[key] = out;
  }

  // type: [T, "null"] -> type: T, nullable: true
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== "null");
    if (types.length < schema.type.length && types.length > 0) schema.nullable = true;
    if (types.length === 1) schema.type = types[0];
    else if (types.length > 1) schema.type = types;
    else schema.type = "null";
  }
  if ("const" in schema && !("enum" in schema)) {
    const { const: constant, ...rest } = schema;
    schema = { ...rest, enum: [constant] };
  }
  if (Array.isArray(schema.examples)) {
    const { examples, ...rest } = schema;
    schema = examples.length > 0 && !("example" in rest) ? { ...rest, example: examples[0] } : rest;
  }
  exclusiveBounds(schema);

  // allOf: [X, {description}] -> X with the description
  if (Array.isArray(schema.allOf)) {
    const members = schema.allOf;
    const structural = members.filter((m) => !isObject(m) || !isAnnotationOnly(m));
    if (structural.length === 1 && isObject(structural[0]) && !isNullOnly(structural[0])) {
      const { allOf: _allOf, ...outer } = schema;
      const annotations = members.filter(
        (m): m is JsonObject => m !== structural[0] && isObject(m),
      );
      schema = normalizeSchema(
        Object.assign({}, structural[0], ...annotations, outer) as JsonObject,
      ) as JsonObject;
    }
  }

  // anyOf/oneOf: [X, null] -> X, nullable: true
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    const kept = branches.filter((branch) => !isNullOnly(branch));
    if (kept.length === branches.length || kept.length === 0) continue;
    const { [key]: _branches, ...outer } = schema;
    const only = kept.length === 1 ? kept[0] : undefined;
    schema = isObject(only)
      ? { ...only, ...outer, nullable: true }
      : { ...outer, [key]: kept, nullable: true };
  }
  if (schema.nullable === false) delete schema.nullable;
  // A null-only schema left on its own (3.0 `enum: [null]`) is written the 3.1 way.
  if (isNullOnly(schema) && schema.type !== "null") {
    const { enum: _values, allOf: _allOf, nullable: _nullable, ...rest } = schema;
    schema = { ...rest, type: "null" };
  }
  return schema;
}

/** Normalises every schema held by a parameter, media type or header map under `node`. */
function normalizeSchemasIn(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeSchemasIn);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "schema") out[key] = normalizeSchema(value);
    else if (key === "example" || key === "examples") out[key] = value;
    else out[key] = normalizeSchemasIn(value);
  }
  return out;
}

/** A parameter's identity: where it goes and its name (header names ignore case). */
function parameterKey(parameter: unknown, route: string): string {
  if (!isObject(parameter)) return "?";
  const where = String(parameter.in);
  const name = String(parameter.name);
  if (where === "path") {
    // Compared by position, as `/jobs/{id}` and `/jobs/{job_id}` are the same path.
    const names = [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    const position = names.indexOf(name);
    return position >= 0 ? `path #${position}` : `path ${name}`;
  }
  return `${where} ${where === "header" ? name.toLowerCase() : name}`;
}

/** A path item's shared parameters with an operation's own, the operation's winning. */
function mergeParameters(shared: unknown, own: unknown): unknown[] {
  const ownList = Array.isArray(own) ? own : [];
  const sharedList = Array.isArray(shared) ? shared : [];
  const ownKeys = new Set(ownList.map((p) => parameterKey(p, "")));
  return [...sharedList.filter((p) => !ownKeys.has(parameterKey(p, ""))), ...ownList];
}

/** A route with its parameter names blanked: `/jobs/{}` for `/jobs/{job_id}`. */
function routeShape(route: string): string {
  return route.replace(/\{[^}]*\}/g, "{}");
}

/**
 * Both normalised documents with each shared operation's parameters in one order: first the
 * parameters both have, sorted, then each side's own. `api-smart-diff` reports a change inside
 * a parameter by its index, so the index then names the same parameter in both documents.
 */
export function alignParameters(base: JsonObject, other: JsonObject): [JsonObject, JsonObject] {
  const basePaths = base.paths as JsonObject;
  const otherPaths = other.paths as JsonObject;
  const otherByShape = new Map(Object.keys(otherPaths).map((route) => [routeShape(route), route]));
  const outBase: JsonObject = { ...basePaths };
  const outOther: JsonObject = { ...otherPaths };
  for (const [baseRoute, baseItem] of Object.entries(basePaths)) {
    const otherRoute = otherByShape.get(routeShape(baseRoute));
    if (otherRoute === undefined || !isObject(baseItem)) continue;
    const otherItem = otherPaths[otherRoute];
    if (!isObject(otherItem)) continue;
    const newBase: JsonObject = { ...baseItem };
    const newOther: JsonObject = { ...otherItem };
    for (const method of HTTP_METHODS) {
      const a = baseItem[method];
      const b = otherItem[method];
      if (!isObject(a) || !isObject(b)) continue;
      const aList = Array.isArray(a.parameters) ? a.parameters : [];
      const bList = Array.isArray(b.parameters) ? b.parameters : [];
      const aKeys = new Set(aList.map((p) => parameterKey(p, baseRoute)));
      const bKeys = new Set(bList.map((p) => parameterKey(p, otherRoute)));
      const order = (list: unknown[], route: string, others: Set<string>): unknown[] =>
        list
          .map((parameter) => ({ parameter, key: parameterKey(parameter, route) }))
          .sort((x, y) => {
            const shared = Number(others.has(y.key)) - Number(others.has(x.key));
            return shared !== 0 ? shared : x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
          })
          .map(({ parameter }) => parameter);
      if (aList.length > 0) newBase[method] = { ...a, parameters: order(aList, baseRoute, bKeys) };
      if (bList.length > 0)
        newOther[method] = { ...b, parameters: order(bList, otherRoute, aKeys) };
    }
    outBase[baseRoute] = newBase;
    outOther[otherRoute] = newOther;
  }
  return [
    { ...base, paths: outBase },
    { ...other, paths: outOther },
  ];
}

/**
 * `doc` (already validated by {@link assertOpenApiDocument}) in the shape the comparison sees:
 * references inlined, the server path folded into each path, security schemes named after what
 * they are, schemas in the 3.0 dialect, everything but the operations left out.
 */
export function normalizeDocument(doc: JsonObject): JsonObject {
  const full = dereference(doc);
  const components = isObject(full.components) ? full.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const identity = (name: string): string => schemeIdentity(name, schemes[name]);
  const renameRequirements = (security: unknown): unknown =>
    Array.isArray(security)
      ? security.map((requirement) => {
          if (!isObject(requirement)) return requirement;
          const out: JsonObject = {};
          for (const [name, scopes] of Object.entries(requirement)) out[identity(name)] = scopes;
          return out;
        })
      : security;

  const documentPrefix = serverPathPrefix(full.servers);
  const paths: JsonObject = {};
  for (const [route, item] of Object.entries(full.paths as JsonObject)) {
    if (!isObject(item)) continue;
    const prefix = Array.isArray(item.servers) ? serverPathPrefix(item.servers) : documentPrefix;
    const folded = route === "/" && prefix ? prefix : `${prefix}${route}`;
    const { servers: _servers, parameters: shared, ...rest } = item;
    const pathItem: JsonObject = {};
    for (const [key, value] of Object.entries(rest)) {
      if (HTTP_METHODS.includes(key) && isObject(value)) {
        const { servers: _opServers, ...operation } = value;
        const security = renameRequirements(operation.security ?? full.security ?? []);
        const parameters = mergeParameters(shared, operation.parameters);
        pathItem[key] = normalizeSchemasIn({
          ...operation,
          ...(parameters.length > 0 ? { parameters } : {}),
          security,
        });
      } else {
        pathItem[key] = normalizeSchemasIn(value);
      }
    }
    paths[folded] = pathItem;
  }

  const renamedSchemes: JsonObject = {};
  for (const [name, scheme] of Object.entries(schemes)) renamedSchemes[identity(name)] = scheme;
  const out: JsonObject = {
    openapi: "3.0.3",
    info: { title: "", version: "" },
    paths,
    components: { securitySchemes: renamedSchemes },
  };
  if (isObject(full.webhooks)) out.webhooks = normalizeSchemasIn(full.webhooks);
  return out;
}
