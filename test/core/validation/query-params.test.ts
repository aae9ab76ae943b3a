/** The query checks alone: `checkCount`, `checkJobStatus`, `checkKnownKeys`, `checkPageQuery`. */
import { describe, expect, it } from "vitest";
import { SieveInputError } from "../../../src/index.js";
import { checkPageQuery } from "../../../src/core/validation/page-query.js";
import {
  checkCount,
  checkJobStatus,
  checkKnownKeys,
  checkOptionalObject,
} from "../../../src/core/validation/query-params.js";

describe("checkCount", () => {
  it.each([[0], [1], [Number.MAX_SAFE_INTEGER], [undefined]])("accepts %j", (value) => {
    expect(checkCount("limit", value)).toBe(value);
  });

  it.each([
    [-1, "-1"],
    [0.5, "0.5"],
    [Number.NaN, "NaN"],
    [2 ** 53, String(2 ** 53)],
    ["3", '"3"'],
    [null, "null"],
  ])("refuses %j, showing %s", (value, shown) => {
    expect(() => checkCount("limit", value)).toThrow(
      `Invalid limit: expected a non-negative integer, got ${shown}`,
    );
  });
});

describe("checkJobStatus", () => {
  it.each([["queued"], ["processing"], ["error"], ["finished"], ["cancelled"], [undefined]])(
    "accepts %j",
    (status) => {
      expect(checkJobStatus("status", status)).toBe(status);
    },
  );

  it.each([["started"], ["canceled"], ["job.retrying"]])(
    "accepts %j: a newer Sieve may send statuses the spec does not list",
    (status) => {
      expect(checkJobStatus("status", status)).toBe(status);
    },
  );

  it("refuses what is no status word, naming the known ones", () => {
    expect(() => checkJobStatus("status", "is done")).toThrow(
      'Invalid status: expected a job status such as queued, processing, error, finished, cancelled, got "is done"',
    );
    for (const bad of ["", " ", "queued ", "1st", "a".repeat(65), 1, null]) {
      expect(() => checkJobStatus("status", bad)).toThrow(SieveInputError);
    }
  });
});

describe("checkKnownKeys and checkOptionalObject", () => {
  it("names the first unknown key and the known ones", () => {
    expect(() => checkKnownKeys("params", { limit: 1, lmit: 2 }, ["limit"])).toThrow(
      "Invalid params.lmit: unknown field; expected one of limit",
    );
    expect(() => checkKnownKeys("params", { limit: 1 }, ["limit"])).not.toThrow();
  });

  it("gives {} for undefined and refuses null, arrays and strings", () => {
    expect(checkOptionalObject("params", undefined)).toEqual({});
    for (const value of [null, [], "x"]) {
      expect(() => checkOptionalObject("params", value as never)).toThrow(SieveInputError);
    }
  });
});

describe("checkPageQuery", () => {
  it("returns only the fields that are set", () => {
    expect(checkPageQuery(undefined, { withStatus: true })).toEqual({});
    expect(checkPageQuery({ limit: 0, offset: undefined }, { withStatus: false })).toEqual({
      limit: 0,
    });
    expect(checkPageQuery({ status: "error", offset: 3 }, { withStatus: true })).toEqual({
      offset: 3,
      status: "error",
    });
  });

  it("refuses status where the endpoint takes none", () => {
    expect(() => checkPageQuery({ status: "error" }, { withStatus: false })).toThrow(
      expect.objectContaining({ field: "params.status" }),
    );
  });
});
