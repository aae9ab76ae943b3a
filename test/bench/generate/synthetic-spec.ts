import { readFile } from "node:fs/promises";
import { parseYaml } from "@redocly/openapi-core";

/** The component sections that are copied (security schemes stay shared, as names). */
const COPIED_SECTIONS = ["schemas", "parameters", "responses", "requestBodies", "headers"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Builds a spec `factor` times the size of the one at `specPath`: the original plus
 * `factor - 1` renamed copies of every path (under `/copyN/...`), every operation (`opIdCopyN`)
 * and every component (`NameCopyN`, with each `$ref` rewritten to its copy's components), so
 * that the generator meets `factor` times as many operations and types, all distinct.
 *
 * @example
 * const big = await syntheticSpec("openapi/sieve.yaml", 10);
 * await writeFile(tmpFile, JSON.stringify(big));
 */
export async function syntheticSpec(specPath: string, factor: number): Promise<JsonObject> {
  const spec = parseYaml(await readFile(specPath, "utf8")) as JsonObject;
  const paths = { ...(spec.paths as JsonObject) };
  const components = structuredClone(spec.components as JsonObject);
  for (let copy = 1; copy < factor; copy++) {
    const suffix = `Copy${copy}`;
    for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
      paths[`/copy${copy}${path}`] = renamed(item, suffix);
    }
    for (const section of COPIED_SECTIONS) {
      const source = (spec.components as JsonObject)[section] as JsonObject | undefined;
      const target = components[section] as JsonObject | undefined;
      if (!source || !target) continue;
      for (const [name, value] of Object.entries(source)) {
        target[`${name}${suffix}`] = renamed(value, suffix);
      }
    }
  }
  return { ...spec, paths, components };
}

/** A deep copy with operation ids and references to copied components suffixed. */
function renamed(value: Json, suffix: string): Json {
  if (Array.isArray(value)) return value.map((item) => renamed(item, suffix));
  if (value === null || typeof value !== "object") return value;
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "operationId" && typeof item === "string") copy[key] = `${item}${suffix}`;
    else if (key === "$ref" && typeof item === "string") copy[key] = renamedRef(item, suffix);
    else copy[key] = renamed(item, suffix);
  }
  return copy;
}

function renamedRef(ref: string, suffix: string): string {
  const parts = ref.split("/");
  const [hash, components, section, name] = parts;
  if (hash !== "#" || components !== "components" || !section || !name) return ref;
  if (!COPIED_SECTIONS.includes(section)) return ref;
  return [hash, components, section, `${name}${suffix}`, ...parts.slice(4)].join("/");
}
