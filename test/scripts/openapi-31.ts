import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDocument } from "../../scripts/spec-diff/load.js";
import { isObject, type JsonObject } from "../../scripts/spec-diff/normalize.js";

const specPath = fileURLToPath(new URL("../../openapi/sieve.yaml", import.meta.url));

/** Our spec, parsed afresh (each test may change its copy). */
export function ourSpec(): JsonObject {
  return parseDocument(readFileSync(specPath, "utf8"), "openapi/sieve.yaml");
}

/** Rewrites our 3.0 spec the way Sieve's published 3.1 document is written. */
export function as31(doc: JsonObject): JsonObject {
  const rename = (name: string): string => `${name}Model`;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        key === "$ref" && typeof value === "string"
          ? value.replace(
              /^#\/components\/schemas\/(.+)$/,
              (_m, n: string) => `#/components/schemas/${rename(n)}`,
            )
          : walk(value);
    }
    if (out.nullable === true && !("$ref" in out)) {
      const { nullable: _nullable, description, ...rest } = out;
      return {
        ...(description === undefined ? {} : { description }),
        anyOf: [rest, { type: "null" }],
      };
    }
    return out;
  };
  const converted = walk(doc) as JsonObject;
  const components = converted.components as JsonObject;
  const schemas = components.schemas as JsonObject;
  components.schemas = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [rename(name), schema]),
  );
  const paths = Object.fromEntries(
    Object.entries(converted.paths as JsonObject).map(([route, item]) => [`/v2${route}`, item]),
  );
  const { servers: _servers, ...rest } = converted;
  return { ...rest, openapi: "3.1.0", paths };
}
