/** `describeErrorBody` alone: one line out of any error body. */
import { describe, expect, it } from "vitest";
import { describeErrorBody } from "../../../src/core/errors/sieve-api-error.js";

describe("describeErrorBody", () => {
  it("returns a string detail as is", () => {
    expect(describeErrorBody({ detail: "Job not found." })).toBe("Job not found.");
  });

  it("joins a 422 detail list as loc: msg", () => {
    const body = {
      detail: [
        { loc: ["body", "inputs"], msg: "field required", type: "missing" },
        { loc: ["query", "limit", 0], msg: "not an int", type: "int" },
        { msg: "no loc", type: "x" },
      ],
    };
    expect(describeErrorBody(body)).toBe(
      "body.inputs: field required; query.limit.0: not an int; no loc",
    );
  });

  it("keeps the visible text of an HTML page, without tags, scripts or styles", () => {
    const page = `<!DOCTYPE html><html><head><style>body { color: red }</style>
      <script>var secret = 1;</script><title>502 Bad Gateway</title></head>
      <body><h1>Bad   Gateway</h1><p>The upstream <b>timed out</b>.</p></body></html>`;
    expect(describeErrorBody(page)).toBe("502 Bad Gateway Bad Gateway The upstream timed out .");
  });

  it("cuts a long text to 300 characters and an ellipsis", () => {
    const described = describeErrorBody("x".repeat(1_000));
    expect(described).toBe(`${"x".repeat(300)}…`);
  });

  it.each([
    ["a gateway's message", { message: "upstream timed out" }, "upstream timed out"],
    ["a gateway's error", { error: "Bad Gateway" }, "Bad Gateway"],
    ["detail before message", { detail: "Job not found.", message: "other" }, "Job not found."],
  ])("reads %s", (_what, body, expected) => {
    expect(describeErrorBody(body)).toBe(expected);
  });

  it.each([
    ["an empty string", ""],
    ["only tags", "<html><body></body></html>"],
    ["an object without detail, message or error", { reason: "nope" }],
    ["a blank message", { message: "  " }],
    ["an empty detail list", { detail: [] }],
    ["a null detail", { detail: null }],
    ["null", null],
    ["undefined", undefined],
    ["a number", 500],
  ])("gives undefined for %s", (_what, body) => {
    expect(describeErrorBody(body)).toBeUndefined();
  });
});
