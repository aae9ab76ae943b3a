/**
 * `buildUrl` fills the spec's templates itself (split once per template); it must give what the
 * guarded openapi-fetch serializer gives `sieve.raw`, and refuse the same values.
 */
import { createQuerySerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { buildUrl } from "../../../src/core/http/build-url.js";
import { guardedPathSerializer } from "../../../src/core/http/guarded-path-serializer.js";

const BASE = "https://api.test/v2";
const TEMPLATES = [
  "/jobs",
  "/jobs/{job_id}",
  "/jobs/{job_id}/await",
  "/functions/{owner_name}/{function_name}/versions/{version_slug}/jobs",
  "/usage/function/{owner_name}/{function_name}",
];
const VALUES = [
  "a b",
  "dub?bing",
  "ñandú",
  "100%",
  "#x",
  "{job_id}",
  "$&",
  "a+b=c&d",
  "x".repeat(512),
];

const paramsOf = (template: string, value: unknown) =>
  Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], value]));

describe("buildUrl", () => {
  it.each(TEMPLATES)("fills %s as the guarded serializer does", (template) => {
    for (const value of VALUES) {
      const params = paramsOf(template, value);
      expect(buildUrl(BASE, template, params, undefined)).toBe(
        BASE + guardedPathSerializer(template, params),
      );
    }
  });

  it.each([["."], [".."], [""], ["a/b"], [5], [undefined], [" x"], ["a\nb"]])(
    "refuses %j as the guarded serializer does",
    (value) => {
      const template = "/functions/{owner_name}/{function_name}";
      const params = { owner_name: "sieve", function_name: value };
      const expected = (() => {
        try {
          guardedPathSerializer(template, params);
        } catch (error) {
          return error;
        }
      })();
      expect(expected).toMatchObject({ name: "SieveInputError" });
      expect(() => buildUrl(BASE, template, params, undefined)).toThrow(expected as Error);
    },
  );

  it("hands a template with a non-plain parameter to the guarded serializer", () => {
    expect(buildUrl(BASE, "/files/{.ext}", { ".ext": "json" }, undefined)).toBe(
      BASE + guardedPathSerializer("/files/{.ext}", { ".ext": "json" }),
    );
  });

  it("appends the query as openapi-fetch's serializer does, skipping unset values", () => {
    const serialize = createQuerySerializer();
    const queries = [
      { offset: undefined },
      { offset: null },
      { offset: 0 },
      { limit: 10, offset: 20, status: "a b" },
      { status: [] },
      {},
    ];
    for (const query of queries) {
      const search = serialize(query);
      expect(buildUrl(BASE, "/jobs", undefined, query)).toBe(
        search ? `${BASE}/jobs?${search}` : `${BASE}/jobs`,
      );
    }
  });
});
