import { describe, expect, it } from "vitest";
import type { ValidationIssue } from "../../generated/sieve.js";
import { SieveAuthenticationError, SieveNotFoundError } from "../../src/index.js";
import { api, clientFor, untilStatus, useEmulators } from "./helpers.js";
import { concretePath, specOperations } from "../support/spec-operations.js";

const emulators = useEmulators();
const functions = {
  "demo/echo": { handler: (inputs: Record<string, unknown>) => inputs.text, delayMs: 0 },
};

const OPERATIONS = specOperations().map(
  (operation) =>
    [
      operation.method,
      concretePath(operation, {
        owner_name: "demo",
        function_name: "echo",
        version_slug: "latest",
      }),
    ] as const,
);

describe("401", () => {
  it("answers every operation without a key or with a wrong one", async () => {
    const emu = await emulators.start({ functions });
    for (const [method, path] of OPERATIONS) {
      for (const key of [null, "wrong-key", ""]) {
        const body = method === "POST" ? { function: "demo/echo", inputs: {} } : undefined;
        const answer = await api(emu, method, path, { key, body });
        expect({ method, path, key, ...answer, headers: undefined }).toEqual({
          method,
          path,
          key,
          status: 401,
          headers: undefined,
          body: { detail: "Unauthorized - valid API Key required." },
        });
      }
    }
    expect(emu.jobs.size).toBe(0);
    expect(OPERATIONS).toHaveLength(23);
  });

  it("accepts a custom key, and the client sees SieveAuthenticationError for another", async () => {
    const emu = await emulators.start({ functions, apiKey: "my-key" });
    expect(emu.apiKey).toBe("my-key");
    expect((await api(emu, "GET", "/jobs")).status).toBe(200);
    const stranger = clientFor({ ...emu, apiKey: "not-my-key" });
    await expect(stranger.jobs.list()).rejects.toBeInstanceOf(SieveAuthenticationError);
  });
});

describe("404 and 405", () => {
  it("answers unknown jobs and functions with the spec's details", async () => {
    const emu = await emulators.start({ functions });
    const notFound = (detail: string) => ({ status: 404, body: { detail } });
    expect(await api(emu, "GET", "/jobs/nope")).toMatchObject(notFound("Job not found."));
    expect(await api(emu, "DELETE", "/jobs/nope")).toMatchObject(notFound("Job not found."));
    for (const path of ["", "/versions", "/jobs"]) {
      const answer = await api(emu, "GET", `/functions/demo/missing${path}`);
      expect(answer).toMatchObject(notFound("Function not found."));
    }
    const push = await api(emu, "POST", "/push", { body: { function: "x/y", inputs: {} } });
    expect(push).toMatchObject(notFound("Function not found."));
    await expect(clientFor(emu).jobs.get("nope")).rejects.toBeInstanceOf(SieveNotFoundError);
  });

  it("answers unknown routes with FastAPI's Not Found, before checking the key", async () => {
    const emu = await emulators.start({ functions });
    for (const path of ["/nope", "/jobs/a/b", "/functions/demo"]) {
      expect(await api(emu, "GET", path, { key: null })).toMatchObject({
        status: 404,
        body: { detail: "Not Found" },
      });
    }
    const outside = await fetch(emu.url.replace(/\/v2$/, "/jobs"));
    expect(outside.status).toBe(404);
    await outside.body?.cancel();
    const wrongMethod = await api(emu, "PUT", "/jobs");
    expect(wrongMethod).toMatchObject({ status: 405, body: { detail: "Method Not Allowed" } });
    expect(wrongMethod.headers.get("allow")).toBe("GET");
  });
});

describe("400", () => {
  it("refuses to cancel an ended job, and a malformed function reference", async () => {
    const emu = await emulators.start({ functions });
    const { id } = await clientFor(emu).jobs.push({ function: "demo/echo", inputs: { text: "x" } });
    await untilStatus(emu, id);
    expect(await api(emu, "DELETE", `/jobs/${id}`)).toMatchObject({
      status: 400,
      body: { detail: "Job is not processing." },
    });
    for (const ref of ["echo", "a/b/c", "demo/echo:", ""]) {
      const answer = await api(emu, "POST", "/push", { body: { function: ref, inputs: {} } });
      expect(answer).toMatchObject({
        status: 400,
        body: { detail: "Invalid function specified." },
      });
    }
  });
});

describe("422", () => {
  const issue = (loc: ValidationIssue["loc"], type: string) => ({
    loc,
    type,
    msg: expect.any(String),
  });
  const pushCases: Array<[name: string, body: unknown, issues: unknown[]]> = [
    ["invalid JSON", "{nope", [issue(["body", 0], "json_invalid")]],
    ["an empty body", "", [issue(["body"], "missing")]],
    ["an array body", [], [issue(["body"], "model_attributes_type")]],
    ["missing inputs", { function: "demo/echo" }, [issue(["body", "inputs"], "missing")]],
    [
      "inputs neither an object nor a list",
      { function: "demo/echo", inputs: "hi" },
      [
        issue(["body", "inputs", "dict[any,any]"], "dict_type"),
        issue(["body", "inputs", "list[any]"], "list_type"),
      ],
    ],
    [
      "both function and id",
      { function: "demo/echo", id: "x", inputs: {} },
      [issue(["body"], "value_error")],
    ],
    ["neither function nor id", { inputs: {} }, [issue(["body"], "value_error")]],
    [
      "a numeric function",
      { function: 7, inputs: {} },
      [issue(["body", "function"], "string_type")],
    ],
    [
      "webhooks not a list",
      { function: "demo/echo", inputs: {}, webhooks: {} },
      [issue(["body", "webhooks"], "list_type")],
    ],
    [
      "bad webhooks",
      {
        function: "demo/echo",
        inputs: {},
        webhooks: [
          { type: "job.done", url: "https://x.test" },
          { type: "job.start", url: "ftp://x.test" },
          { type: "job.start", url: "not a url" },
          { type: "job.start" },
          "https://x.test",
        ],
      },
      [
        issue(["body", "webhooks", 0, "type"], "enum"),
        issue(["body", "webhooks", 1, "url"], "url_parsing"),
        issue(["body", "webhooks", 2, "url"], "url_parsing"),
        issue(["body", "webhooks", 3, "url"], "missing"),
        issue(["body", "webhooks", 4], "dict_type"),
      ],
    ],
    [
      "an env that is not an object",
      { function: "demo/echo", inputs: {}, env: "A=1" },
      [issue(["body", "env"], "dict_type")],
    ],
    [
      "an unknown source",
      { function: "demo/echo", inputs: {} },
      [issue(["query", "source"], "enum")],
    ],
  ];

  it.each(pushCases)("rejects a push with %s", async (name, body, issues) => {
    const emu = await emulators.start({ functions });
    const path = name === "an unknown source" ? "/push?source=cli" : "/push";
    const answer = await api(emu, "POST", path, { body });
    expect(answer).toMatchObject({ status: 422, body: { detail: issues } });
    expect((answer.body as { detail: unknown[] }).detail).toHaveLength(issues.length);
    expect(emu.jobs.size).toBe(0);
  });

  const queryCases: Array<[path: string, loc: string[], type: string]> = [
    ["/jobs?limit=abc", ["query", "limit"], "int_parsing"],
    ["/jobs?limit=1.5", ["query", "limit"], "int_parsing"],
    ["/jobs?offset=-1", ["query", "offset"], "greater_than_equal"],
    ["/jobs/any?offset=x", ["query", "offset"], "int_parsing"],
    ["/jobs/any/await?offset=-2", ["query", "offset"], "greater_than_equal"],
    ["/functions/demo/echo/versions?limit=-5", ["query", "limit"], "greater_than_equal"],
    ["/functions?offset=x", ["query", "offset"], "int_parsing"],
    ["/functions/demo/missing/versions/latest/jobs?limit=x", ["query", "limit"], "int_parsing"],
    ["/logs", ["query", "job_id"], "missing"],
    ["/logs?job_id=x&start_time=soon", ["query", "start_time"], "float_parsing"],
    ["/usage?end_timestamp=", ["query", "end_timestamp"], "float_parsing"],
    [
      "/usage/function/demo/missing?start_timestamp=x",
      ["query", "start_timestamp"],
      "float_parsing",
    ],
    ["/usage/job/nope?aggregated=maybe", ["query", "aggregated"], "bool_parsing"],
    ["/usage/concurrency?chunk_size=29", ["query", "chunk_size"], "greater_than_equal"],
    ["/usage/concurrency?status=queued", ["query", "status"], "enum"],
    ["/usage/concurrency?start=yesterday", ["query", "start"], "value_error"],
    [
      "/usage/concurrency?start=2024-12-01T00:00&end=2024-12-09T00:00",
      ["query", "end"],
      "value_error",
    ],
    [
      "/usage/concurrency?start=2024-12-02T00:00&end=2024-12-01T00:00",
      ["query", "end"],
      "value_error",
    ],
  ];

  it.each(queryCases)("rejects GET %s", async (path, loc, type) => {
    const emu = await emulators.start({ functions });
    expect(await api(emu, "GET", path)).toMatchObject({
      status: 422,
      body: { detail: [issue(loc, type)] },
    });
  });

  it("checks the key before the body", async () => {
    const emu = await emulators.start({ functions });
    expect((await api(emu, "POST", "/push", { body: "{nope", key: null })).status).toBe(401);
  });
});

describe("413", () => {
  it("closes the connection, so the next request on the same client is served at once", async () => {
    const emu = await emulators.start({ functions });
    const sieve = clientFor(emu);
    const huge = { function: "demo/echo", inputs: { text: "x".repeat(12 * 1024 * 1024) } };
    await expect(sieve.jobs.push(huge)).rejects.toMatchObject({ status: 413 });
    const started = performance.now();
    const { id } = await sieve.jobs.push({ function: "demo/echo", inputs: { text: "ok" } });
    expect(typeof id).toBe("string");
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(emu.jobs.size).toBe(1);
  });
});
