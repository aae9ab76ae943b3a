/**
 * The pure parts of `npm run spec:diff` (scripts/spec-diff/): normalisation, the comparison and
 * its sentences, parsing and formatting, in this process. The CLI itself, as a process, is
 * tested in spec-diff.test.ts (integration tier).
 */
import { describe, expect, it } from "vitest";
import {
  compareDocuments,
  correctedChangeType,
  type Change,
} from "../../scripts/spec-diff/compare.js";
import { formatJson, formatLine, formatText, summaryLine } from "../../scripts/spec-diff/format.js";
import { parseDocument } from "../../scripts/spec-diff/load.js";
import { as31, ourSpec } from "./openapi-31.js";
import {
  dereference,
  isObject,
  normalizeSchema,
  serverPathPrefix,
  SpecInputError,
  type JsonObject,
} from "../../scripts/spec-diff/normalize.js";

const names = { base: "base.yaml", other: "other.yaml" };

/** A minimal OpenAPI document with one operation returning `schema`. */
function docWith(schema: unknown, extra: JsonObject = {}): JsonObject {
  return {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    paths: {
      "/things": {
        get: {
          responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
        },
      },
    },
    ...extra,
  };
}

describe("normalizeSchema", () => {
  it("writes 3.1 null unions and 3.0 null forms as nullable: true", () => {
    const expected = { type: "string", nullable: true };
    expect(normalizeSchema({ anyOf: [{ type: "string" }, { type: "null" }] })).toEqual(expected);
    expect(normalizeSchema({ type: ["string", "null"] })).toEqual(expected);
    expect(normalizeSchema({ type: "string", nullable: true })).toEqual(expected);
    expect(normalizeSchema({ oneOf: [{ type: "string" }, { enum: [null] }] })).toEqual(expected);
    expect(normalizeSchema({ anyOf: [{ type: "string" }, { const: null }] })).toEqual(expected);
  });

  it("keeps the outer annotations and the other branches of a union", () => {
    expect(
      normalizeSchema({
        description: "d",
        anyOf: [{ type: "string", description: "inner" }, { type: "null" }],
      }),
    ).toEqual({ type: "string", description: "d", nullable: true });
    expect(
      normalizeSchema({ anyOf: [{ type: "number" }, { type: "integer" }, { type: "null" }] }),
    ).toEqual({ anyOf: [{ type: "number" }, { type: "integer" }], nullable: true });
  });

  it("merges an allOf of one schema and annotations, and rewrites const and exclusive bounds", () => {
    expect(
      normalizeSchema({ allOf: [{ type: "string", enum: ["a"] }, { description: "why" }] }),
    ).toEqual({ type: "string", enum: ["a"], description: "why" });
    expect(normalizeSchema({ const: "x" })).toEqual({ enum: ["x"] });
    expect(normalizeSchema({ type: "number", exclusiveMinimum: 0 })).toEqual({
      type: "number",
      minimum: 0,
      exclusiveMinimum: true,
    });
  });

  it("normalises nested properties and items", () => {
    expect(
      normalizeSchema({
        type: "object",
        properties: { a: { type: "array", items: { type: ["integer", "null"] } } },
      }),
    ).toEqual({
      type: "object",
      properties: { a: { type: "array", items: { type: "integer", nullable: true } } },
    });
  });
});

describe("dereference", () => {
  it("inlines local $refs, laying sibling keys over the target", () => {
    const doc = {
      a: { $ref: "#/defs/x", description: "here" },
      defs: { x: { type: "string", description: "there" } },
    };
    expect(dereference(doc).a).toEqual({ type: "string", description: "here" });
  });

  it("keeps a recursive $ref where it recurses", () => {
    const doc = {
      defs: { node: { type: "object", properties: { next: { $ref: "#/defs/node" } } } },
      root: { $ref: "#/defs/node" },
    };
    expect(dereference(doc).root).toEqual({
      type: "object",
      properties: { next: { $ref: "#/defs/node" } },
    });
  });

  it("refuses external and dangling $refs", () => {
    expect(() => dereference({ a: { $ref: "other.yaml#/x" } })).toThrow(/external \$ref/);
    expect(() => dereference({ a: { $ref: "#/nope" } })).toThrow(SpecInputError);
  });
});

describe("serverPathPrefix", () => {
  it("is the path of the first server URL", () => {
    expect(serverPathPrefix([{ url: "https://mango.sievedata.com/v2" }])).toBe("/v2");
    expect(serverPathPrefix([{ url: "https://mango.sievedata.com/v2/" }])).toBe("/v2");
    expect(serverPathPrefix([{ url: "/api" }])).toBe("/api");
    expect(serverPathPrefix([{ url: "https://host" }])).toBe("");
    expect(serverPathPrefix(undefined)).toBe("");
    expect(
      serverPathPrefix([
        { url: "https://host/{version}", variables: { version: { default: "v3" } } },
      ]),
    ).toBe("/v3");
  });
});

describe("parseDocument", () => {
  it("reads JSON and YAML", () => {
    const json = parseDocument('{"openapi":"3.1.0","paths":{}}', "a.json");
    const yaml = parseDocument("openapi: 3.0.3\npaths: {}\n", "a.yaml");
    expect(json.openapi).toBe("3.1.0");
    expect(yaml.openapi).toBe("3.0.3");
  });

  it.each([
    ["{ nope", /a is not valid JSON/],
    ["a: [", /a is not valid YAML/],
    ["just: yaml\n", /a is not an OpenAPI document/],
    ['swagger: "2.0"\npaths: {}\n', /a is Swagger 2\.0/],
    ["openapi: 3.0.3\n", /no "paths" object/],
    ['openapi: "4.0.0"\npaths: {}\n', /only OpenAPI 3\.0 and 3\.1/],
  ])("rejects %j", (text, message) => {
    expect(() => parseDocument(text, "a")).toThrow(SpecInputError);
    expect(() => parseDocument(text, "a")).toThrow(message);
  });
});

describe("compareDocuments", () => {
  it("finds no change between our spec and itself", () => {
    expect(compareDocuments(ourSpec(), ourSpec(), names)).toEqual([]);
  });

  it("finds no change between our spec and the same API written the 3.1 way", () => {
    const changes = compareDocuments(ourSpec(), as31(ourSpec()), names);
    expect(changes.map(formatLine)).toEqual([]);
  });

  it("folds the server path into each path", () => {
    const base = docWith({ type: "string" }, { servers: [{ url: "https://h/v2" }] });
    const other = docWith({ type: "string" });
    other.paths = { "/v2/things": (other.paths as JsonObject)["/things"] };
    expect(compareDocuments(base, other, names)).toEqual([]);
    const moved = docWith({ type: "string" });
    const lines = compareDocuments(base, moved, names).map(formatLine);
    expect(lines).toContain("BREAKING  GET /v2/things  operation only in base.yaml");
    expect(lines).toContain(
      "added     GET /things  operation only in the other document (other.yaml)",
    );
  });

  it("reports a changed component schema at each operation that uses it", () => {
    const component = (type: string): JsonObject => ({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/a": { get: { responses: { "200": { $ref: "#/components/responses/R" } } } },
        "/b": { get: { responses: { "200": { $ref: "#/components/responses/R" } } } },
      },
      components: {
        responses: {
          R: {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/S" } } },
          },
        },
        schemas: {
          S: { type: "object", required: ["n"], properties: { n: { type } } },
        },
      },
    });
    const lines = compareDocuments(component("string"), component("integer"), names).map(
      formatLine,
    );
    expect(lines).toEqual([
      'BREAKING  GET /a  response 200 body: property "n" type changed "string" → "integer"',
      'BREAKING  GET /b  response 200 body: property "n" type changed "string" → "integer"',
    ]);
  });

  it("names the parameter a change is in, whatever the order of the parameters", () => {
    const withParams = (parameters: unknown[]): JsonObject => ({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: { "/x/{id}": { get: { parameters, responses: { "200": { description: "ok" } } } } },
    });
    const id = { name: "id", in: "path", required: true, schema: { type: "string" } };
    const limit = { name: "limit", in: "query", schema: { type: "integer" } };
    const since = { name: "since", in: "query", schema: { type: "string" } };
    const base = withParams([limit, id]);
    const other = withParams([
      { ...id, name: "job_id" },
      since,
      { ...limit, required: true, schema: { type: "integer", nullable: true } },
    ]);
    const other2 = structuredClone(other);
    other2.paths = { "/x/{job_id}": (other.paths as JsonObject)["/x/{id}"] };
    const lines = compareDocuments(base, other2, names).map(formatLine);
    expect(lines).toContain('BREAKING  GET /x/{id}  parameter query "limit" became required');
    expect(lines).toContain('added     GET /x/{id}  parameter query "limit": became nullable');
    expect(lines).toContain('added     GET /x/{id}  parameter query "since" added (optional)');
    // Renaming a path parameter changes no request, but it does change the generated types.
    expect(lines).toContain("renamed   /x/{id}  path renamed to /x/{job_id}");
    expect(lines).toContain(
      'changed   GET /x/{id}  parameter path "id": name changed "id" → "job_id"',
    );
    expect(lines).toHaveLength(5);
  });

  it("corrects the library's classification of nullable and type changes", () => {
    const response = ["paths", "/a", "get", "responses", "200", "content", "x", "schema"];
    const request = ["paths", "/a", "post", "requestBody", "content", "x", "schema"];
    const fix = correctedChangeType;
    expect(fix([...response, "nullable"], "add", undefined, true)).toBe("breaking");
    expect(fix([...response, "nullable"], "remove", true, undefined)).toBe("non-breaking");
    expect(fix([...request, "nullable"], "add", undefined, true)).toBe("non-breaking");
    expect(fix([...request, "nullable"], "remove", true, undefined)).toBe("breaking");
    expect(fix([...response, "type"], "replace", "string", "integer")).toBe("breaking");
    expect(fix([...response, "type"], "replace", "number", "integer")).toBe("non-breaking");
    expect(fix([...request, "type"], "replace", "integer", "number")).toBe("non-breaking");
    expect(fix([...request, "type"], "replace", "number", "integer")).toBe("breaking");
    expect(fix([...response, "properties", "nullable"], "remove", {}, undefined)).toBeUndefined();
    expect(fix([...response, "type"], "add", undefined, "string")).toBeUndefined();
    expect(fix([...response, "format"], "replace", "uri", "uuid")).toBeUndefined();
  });
});

describe("format", () => {
  const changes: Change[] = [
    {
      type: "breaking",
      action: "remove",
      operation: "GET /v2/logs",
      message: "operation only in openapi/sieve.yaml",
      path: ["paths", "/v2/logs", "get"],
    },
    {
      type: "non-breaking",
      action: "add",
      operation: "POST /v2/push",
      message: 'request body: property "webhooks[].type" enum value "x" added',
      path: [],
    },
    {
      type: "annotation",
      action: "replace",
      operation: "GET /v2/jobs",
      message: "summary changed",
      path: [],
    },
  ];
  const report = {
    base: { source: "openapi/sieve.yaml", openapi: "3.0.3" },
    other: { source: "other.json", openapi: "3.1.0" },
    changes,
  };

  it("prints one line per change in sections, and a summary", () => {
    const text = formatText(report, { annotations: false });
    expect(text).toContain(
      "Breaking changes (1):\nBREAKING  GET /v2/logs  operation only in openapi/sieve.yaml\n",
    );
    expect(text).toContain(
      'Non-breaking changes (1):\nadded     POST /v2/push  request body: property "webhooks[].type" enum value "x" added\n',
    );
    expect(text).not.toContain("summary changed");
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "Summary: 1 breaking (in 1 operation), 1 non-breaking, 0 unclassified, 0 deprecated, 1 annotation (not listed; --annotations lists them)",
    );
    expect(formatText(report, { annotations: true })).toContain(
      "changed   GET /v2/jobs  summary changed",
    );
  });

  it("prints the same changes as JSON with the counts", () => {
    const json = JSON.parse(formatJson(report, { annotations: false })) as {
      summary: Record<string, number>;
      changes: Change[];
    };
    expect(json.summary).toEqual({
      breaking: 1,
      "non-breaking": 1,
      unclassified: 0,
      deprecated: 0,
      annotation: 1,
    });
    expect(json.changes).toHaveLength(2);
  });

  it("says when there is nothing", () => {
    expect(summaryLine([], { annotations: false })).toBe(
      "Summary: 0 breaking, 0 non-breaking, 0 unclassified, 0 deprecated, 0 annotation",
    );
    expect(formatText({ ...report, changes: [] }, { annotations: false })).toContain(
      "No differences.",
    );
  });
});
