import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { specFile } from "./prism.js";

/** One operation of openapi/sieve.yaml, with what a test needs to call it. */
export interface SpecOperation {
  operationId: string;
  /** Upper case, e.g. `GET`. */
  method: string;
  /** The path template, e.g. `/jobs/{job_id}`. */
  path: string;
  /** The path with each `{param}` replaced by its example, and the required query filled. */
  exampleUrlPath: string;
  /** The request body's example, when the operation takes one. */
  exampleBody: unknown;
  /** The documented response statuses, e.g. `["200", "401", "404"]`. */
  statuses: string[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown; default?: unknown; type?: string };
}

type Spec = {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};

const METHODS = ["get", "post", "put", "patch", "delete"];

/** Reads openapi/sieve.yaml once and lists its operations, in the order of the document. */
export function specOperations(): SpecOperation[] {
  const spec = parse(readFileSync(specFile, "utf8")) as Spec;
  const resolve = <T>(value: T | { $ref: string }): T => {
    if (!value || typeof value !== "object" || !("$ref" in value)) return value as T;
    const [, , group, name] = value.$ref.split("/");
    return resolve(spec.components[group as string]?.[name as string] as T);
  };
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const shared = ((item.parameters as Parameter[] | undefined) ?? []).map(resolve);
    for (const method of METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const own = ((operation.parameters as Parameter[] | undefined) ?? []).map(resolve);
      const parameters = [...shared, ...own];
      const exampleOf = (p: Parameter) => p.example ?? p.schema?.example ?? p.schema?.default;
      let urlPath = path;
      const query = new URLSearchParams();
      for (const parameter of parameters) {
        const example = exampleOf(parameter);
        if (parameter.in === "path") {
          if (example === undefined) throw new Error(`${path}: {${parameter.name}} has no example`);
          urlPath = urlPath.replace(`{${parameter.name}}`, encodeURIComponent(String(example)));
        } else if (parameter.in === "query" && parameter.required) {
          query.set(parameter.name, String(example));
        }
      }
      const body = operation.requestBody as
        { content: Record<string, { schema: unknown }> } | undefined;
      const bodySchema = body && resolve(body.content["application/json"]?.schema as object);
      operations.push({
        operationId: operation.operationId as string,
        method: method.toUpperCase(),
        path,
        exampleUrlPath: query.size ? `${urlPath}?${query}` : urlPath,
        exampleBody: bodySchema ? (bodySchema as { example?: unknown }).example : undefined,
        statuses: Object.keys(operation.responses as object),
      });
    }
  }
  return operations;
}

/**
 * The operation a request hit, by method and concrete API path (no query): path parameters
 * match one non-empty segment.
 */
export function operationOf(
  operations: readonly SpecOperation[],
  method: string,
  path: string,
): SpecOperation | undefined {
  return operations.find((operation) => {
    if (operation.method !== method.toUpperCase()) return false;
    const pattern = operation.path.replace(/\{[^}]+\}/g, "[^/]+");
    return new RegExp(`^${pattern}$`).test(path);
  });
}

/** A concrete path for an operation, with `values` (or `x`) for its path parameters. */
export function concretePath(
  operation: SpecOperation,
  values: Record<string, string> = {},
): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? "x");
}
