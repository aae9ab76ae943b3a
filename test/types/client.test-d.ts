/**
 * Type tests: every method resolves to the generated response type of its operation, `Job`'s
 * status is the five known values or any other string (the API's set is open), and bad calls on
 * `sieve.raw` or `push` do not compile.
 */
import { describe, expectTypeOf, it } from "vitest";
import { jobOutputs, knownJobStatusValues } from "../../src/index.js";
import type {
  FunctionIO,
  FunctionVersion,
  Job,
  JobPage,
  JobStatus,
  KnownJobStatus,
  PushJobRequest,
  PushRequest,
  RequestOptions,
  RetryInfo,
  SieveClient,
  SieveConnectionError,
  SieveFunction,
  SieveRateLimitError,
  SieveValidationError,
  ValidationIssue,
  paths,
} from "../../src/index.js";

declare const sieve: SieveClient;

/** The 200 JSON body of an operation, straight from the generated `paths`. */
type Ok<P extends keyof paths, M extends "get" | "post" | "delete"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
/** What a method resolves to. */
type Resolved<F> = F extends (...args: never[]) => Promise<infer T> ? T : never;

describe("return types", () => {
  it("jobs.get resolves to Job, whose status is a known value or any other string", () => {
    expectTypeOf(sieve.jobs.get).returns.resolves.toEqualTypeOf<Job>();
    expectTypeOf<KnownJobStatus>().toEqualTypeOf<
      "queued" | "processing" | "error" | "finished" | "cancelled"
    >();
    expectTypeOf<Job["status"]>().toEqualTypeOf<KnownJobStatus | (string & {})>();
    expectTypeOf<JobStatus>().toEqualTypeOf<Job["status"]>();
    expectTypeOf<"started">().toExtend<JobStatus>();
    expectTypeOf<string>().toExtend<JobStatus>();
    expectTypeOf<JobStatus>().toExtend<string>();
    expectTypeOf<number>().not.toExtend<JobStatus>();
  });

  it("a job's outputs and inputs may be absent, and an output item may be a list", () => {
    expectTypeOf<Job["outputs"]>().toEqualTypeOf<
      (FunctionIO | FunctionIO[])[] | null | undefined
    >();
    expectTypeOf<Job["inputs"]>().toEqualTypeOf<Record<string, FunctionIO> | undefined>();
    expectTypeOf(jobOutputs).parameter(0).toExtend<Pick<Job, "outputs">>();
    expectTypeOf(jobOutputs).returns.toEqualTypeOf<FunctionIO[]>();
    expectTypeOf<Job["organization_id"]>().toEqualTypeOf<string>();
  });

  it("every method resolves to the generated 200 body of its operation", () => {
    type Jobs = SieveClient["jobs"];
    type Functions = SieveClient["functions"];
    type FunctionPath = "/functions/{owner_name}/{function_name}";
    expectTypeOf<Resolved<Jobs["push"]>>().toEqualTypeOf<Ok<"/push", "post">>();
    expectTypeOf<Resolved<Jobs["get"]>>().toEqualTypeOf<Ok<"/jobs/{job_id}", "get">>();
    expectTypeOf<Resolved<Jobs["list"]>>().toEqualTypeOf<
      paths["/jobs"]["get"]["responses"][200]["content"]["application/json"]
    >();
    expectTypeOf<Resolved<Jobs["cancel"]>>().toEqualTypeOf<Ok<"/jobs/{job_id}", "delete">>();
    expectTypeOf<Resolved<Functions["get"]>>().toEqualTypeOf<Ok<FunctionPath, "get">>();
    expectTypeOf<Resolved<Functions["versions"]>>().toEqualTypeOf<
      Ok<`${FunctionPath}/versions`, "get">
    >();
    // The operation may answer a bare list of jobs; the method always resolves to a page.
    expectTypeOf<Ok<`${FunctionPath}/jobs`, "get">>().toEqualTypeOf<JobPage | Job[]>();
    expectTypeOf<Resolved<Functions["jobs"]>>().toEqualTypeOf<JobPage>();
    expectTypeOf<Resolved<Functions["get"]>>().toEqualTypeOf<SieveFunction>();
    expectTypeOf<Resolved<Functions["versions"]>>().toEqualTypeOf<FunctionVersion[]>();
  });

  it("the params of the list methods are the generated query types", () => {
    expectTypeOf(sieve.jobs.list)
      .parameter(0)
      .toEqualTypeOf<paths["/jobs"]["get"]["parameters"]["query"]>();
    expectTypeOf(sieve.jobs.get)
      .parameter(1)
      .toEqualTypeOf<paths["/jobs/{job_id}"]["get"]["parameters"]["query"]>();
    expectTypeOf(sieve.functions.versions)
      .parameter(1)
      .toEqualTypeOf<
        paths["/functions/{owner_name}/{function_name}/versions"]["get"]["parameters"]["query"]
      >();
  });

  it("errors expose typed fields", () => {
    expectTypeOf<SieveValidationError["issues"]>().toEqualTypeOf<ValidationIssue[]>();
    expectTypeOf<SieveRateLimitError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RetryInfo["error"]>().toEqualTypeOf<SieveConnectionError | undefined>();
  });
});

describe("sieve.raw", () => {
  it("types a valid call's data", async () => {
    const { data } = await sieve.raw.GET("/jobs/{job_id}", { params: { path: { job_id: "j" } } });
    // Not `Job | undefined` exactly: openapi-fetch's `Readable` maps the open status's
    // `string & {}` as an object, so only the fields are compared here.
    expectTypeOf(data).toExtend<{ id: string; outputs?: unknown } | undefined>();
    expectTypeOf(data?.id).toEqualTypeOf<string | undefined>();
    expectTypeOf(data?.outputs).toEqualTypeOf<Job["outputs"]>();
  });

  it("does not compile a wrong path, method or param", () => {
    // @ts-expect-error: no such path
    void sieve.raw.GET("/job/{job_id}", { params: { path: { job_id: "j" } } });
    // @ts-expect-error: /jobs has no POST
    void sieve.raw.POST("/jobs", {});
    // @ts-expect-error: the path parameter is job_id, not jobId
    void sieve.raw.GET("/jobs/{job_id}", { params: { path: { jobId: "j" } } });
    // @ts-expect-error: the path parameter is required
    void sieve.raw.GET("/jobs/{job_id}", {});
    // @ts-expect-error: status is a string
    void sieve.raw.GET("/jobs", { params: { query: { status: 1 } } });
    // @ts-expect-error: limit is a number
    void sieve.raw.GET("/jobs", { params: { query: { limit: "10" } } });
  });
});

describe("jobs.push", () => {
  it("accepts a function or an id, with inputs", () => {
    expectTypeOf<{ function: string; inputs: {} }>().toExtend<PushJobRequest>();
    expectTypeOf<{ id: string; inputs: { a: 1 } }>().toExtend<PushJobRequest>();
    void sieve.jobs.push({ function: "sieve/dubbing", inputs: {}, env: { A: "b" } });
  });

  it("accepts what the API accepts: extra fields, list inputs, any JSON env value", () => {
    void sieve.jobs.push({ function: "sieve/dubbing", inputs: {}, priority: 2 });
    void sieve.jobs.push({ function: "sieve/dubbing", inputs: ["a", 1] });
    void sieve.jobs.push({ id: "f", inputs: {}, env: { A: 1, B: { nested: true }, C: null } });
    expectTypeOf<PushJobRequest["inputs"]>().toEqualTypeOf<PushRequest["inputs"]>();
    expectTypeOf<PushJobRequest["webhooks"]>().toEqualTypeOf<PushRequest["webhooks"]>();
  });

  it("rejects at compile time a body without inputs, with both function and id, or neither", () => {
    // @ts-expect-error: inputs is required
    void sieve.jobs.push({ function: "sieve/dubbing" });
    // @ts-expect-error: function and id together
    void sieve.jobs.push({ function: "sieve/dubbing", id: "f", inputs: {} });
    // @ts-expect-error: neither function nor id
    void sieve.jobs.push({ inputs: {} });
    // @ts-expect-error: not a webhook event type
    void sieve.jobs.push({ id: "f", inputs: {}, webhooks: [{ type: "done", url: "https://h" }] });
    // @ts-expect-error: inputs is an object or a list
    void sieve.jobs.push({ id: "f", inputs: "spanish" });
    // @ts-expect-error: env is an object
    void sieve.jobs.push({ id: "f", inputs: {}, env: "A=1" });
  });
});

describe("arguments of the other methods", () => {
  it("accept a status outside the known five: the API's set is open", () => {
    void sieve.jobs.list({ status: "started" });
    void sieve.functions.jobs("a/b", { status: "started" });
    for (const status of knownJobStatusValues) void sieve.jobs.list({ status });
  });

  it("do not compile with a wrong status, an unknown param or an unknown option", () => {
    // @ts-expect-error: a status is a string
    void sieve.jobs.list({ status: 1 });
    // @ts-expect-error: versions takes no status
    void sieve.functions.versions("a/b", { status: "error" });
    // @ts-expect-error: jobs.get takes only offset
    void sieve.jobs.get("j", { limit: 1 });
    // @ts-expect-error: not a per-call option
    void sieve.jobs.cancel("j", { retries: 1 });
    expectTypeOf<RequestOptions>().toEqualTypeOf<{
      signal?: AbortSignal;
      timeoutMs?: number;
      maxRetries?: number;
    }>();
  });
});
