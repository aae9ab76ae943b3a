/**
 * Type tests of the methods added for the whole API: each resolves to the generated 200 body of
 * its operation, takes the generated query types (renamed only where a `Date` is accepted), and
 * bad arguments do not compile.
 */
import { describe, expectTypeOf, it } from "vitest";
import type {
  ComputeAvailability,
  ConcurrencyParams,
  Credits,
  EditFunctionRequest,
  EditFunctionVersionRequest,
  FollowLogsOptions,
  JobLogLine,
  JobPage,
  LogLabels,
  LogLine,
  OutputsOptions,
  PosixTime,
  SieveClient,
  UsageByFunction,
  operations,
  paths,
} from "../../src/index.js";

declare const sieve: SieveClient;

/** The 200 JSON body of an operation, straight from the generated `paths`. */
type Ok<P extends keyof paths, M extends "get" | "post"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
/** What a method resolves to. */
type Resolved<F> = F extends (...args: never[]) => Promise<infer T> ? T : never;
/** What an iterator yields. */
type Yielded<F> = F extends (...args: never[]) => AsyncGenerator<infer T, void, undefined>
  ? T
  : never;

type Fn = "/functions/{owner_name}/{function_name}";
type Version = `${Fn}/versions/{version_slug}`;
type Usage = `/usage/function/{owner_name}/{function_name}`;

describe("return types", () => {
  it("jobs: logs, followLogs, cost", () => {
    type Jobs = SieveClient["jobs"];
    expectTypeOf<Resolved<Jobs["logs"]>>().toEqualTypeOf<Ok<"/logs", "get">>();
    expectTypeOf<Resolved<Jobs["cost"]>>().toEqualTypeOf<Ok<"/usage/job/{job_id}", "get">>();
    expectTypeOf<Yielded<Jobs["followLogs"]>>().toEqualTypeOf<JobLogLine>();
    expectTypeOf<JobLogLine>().toEqualTypeOf<LogLine & LogLabels>();
    expectTypeOf<JobLogLine["stage"]>().toEqualTypeOf<string>();
    expectTypeOf<JobLogLine["message"]>().toEqualTypeOf<string>();
  });

  it("functions: list, all, version, versionJobs, allVersionJobs, edit, editVersion", () => {
    type Functions = SieveClient["functions"];
    expectTypeOf<Resolved<Functions["list"]>>().toEqualTypeOf<Ok<"/functions", "get">>();
    expectTypeOf<Yielded<Functions["all"]>>().toEqualTypeOf<Ok<"/functions", "get">[number]>();
    expectTypeOf<Resolved<Functions["version"]>>().toEqualTypeOf<Ok<Version, "get">>();
    expectTypeOf<Resolved<Functions["versionJobs"]>>().toEqualTypeOf<JobPage>();
    expectTypeOf<Yielded<Functions["allVersionJobs"]>>().toEqualTypeOf<JobPage["data"][number]>();
    expectTypeOf<Resolved<Functions["edit"]>>().toEqualTypeOf<Ok<`${Fn}/edit`, "post">>();
    expectTypeOf<Resolved<Functions["editVersion"]>>().toEqualTypeOf<
      Ok<`${Version}/edit`, "post">
    >();
  });

  it("usage, account and compute", () => {
    type U = SieveClient["usage"];
    expectTypeOf<Resolved<U["total"]>>().toEqualTypeOf<Ok<"/usage", "get">>();
    expectTypeOf<Resolved<U["functions"]>>().toEqualTypeOf<Ok<"/usage/function", "get">>();
    expectTypeOf<UsageByFunction>().toEqualTypeOf<Ok<"/usage/function", "get">>();
    expectTypeOf<Resolved<U["function"]>>().toEqualTypeOf<Ok<Usage, "get">>();
    expectTypeOf<Resolved<U["version"]>>().toEqualTypeOf<
      Ok<`${Usage}/versions/{version_slug}`, "get">
    >();
    expectTypeOf<Resolved<U["credits"]>>().toEqualTypeOf<Credits>();
    expectTypeOf<Credits>().toBeUnknown();
    expectTypeOf<Resolved<U["concurrency"]>>().toEqualTypeOf<Ok<"/usage/concurrency", "get">>();
    expectTypeOf<Resolved<SieveClient["account"]["concurrency"]>>().toEqualTypeOf<
      Ok<"/user/concurrency", "get">
    >();
    expectTypeOf<
      Resolved<SieveClient["compute"]["availability"]>
    >().toEqualTypeOf<ComputeAvailability>();
  });
});

describe("parameter types", () => {
  it("are the generated ones, with a Date accepted for a time", () => {
    expectTypeOf(sieve.functions.list)
      .parameter(0)
      .toEqualTypeOf<paths["/functions"]["get"]["parameters"]["query"]>();
    expectTypeOf(sieve.functions.versionJobs)
      .parameter(2)
      .toEqualTypeOf<paths[`${Version}/jobs`]["get"]["parameters"]["query"]>();
    expectTypeOf(sieve.functions.edit).parameter(1).toEqualTypeOf<EditFunctionRequest>();
    expectTypeOf(sieve.functions.editVersion)
      .parameter(2)
      .toEqualTypeOf<EditFunctionVersionRequest>();
    expectTypeOf(sieve.jobs.cost)
      .parameter(1)
      .toEqualTypeOf<paths["/usage/job/{job_id}"]["get"]["parameters"]["query"]>();
    expectTypeOf<PosixTime>().toEqualTypeOf<Date | number>();
    expectTypeOf<FollowLogsOptions>().toEqualTypeOf<OutputsOptions>();
    type Query = NonNullable<operations["getConcurrencyHistory"]["parameters"]["query"]>;
    expectTypeOf<ConcurrencyParams["status"]>().toEqualTypeOf<Query["status"]>();
    expectTypeOf<ConcurrencyParams["start"]>().toEqualTypeOf<Date | string | undefined>();
  });

  it("compile for good calls", () => {
    void sieve.jobs.logs("j", { startTime: new Date(), endTime: 1734226919.5 });
    void sieve.jobs.cost("j", { aggregated: false });
    void sieve.functions.edit("a/b", {
      visibility: "private",
      tags: null,
      webhooks: { hooks: [] },
    });
    void sieve.functions.editVersion("a/b", "latest", { minimum_replicas: null });
    void sieve.usage.total({ start: new Date(), end: 1734226919 });
    void sieve.usage.concurrency({ start: new Date(), end: "2026-03-01T00:00", status: "" });
  });

  it("do not compile for bad ones", () => {
    // @ts-expect-error: a time is a Date or a number
    void sieve.jobs.logs("j", { startTime: "2026-03-01" });
    // @ts-expect-error: the params are startTime and endTime
    void sieve.jobs.logs("j", { start_time: 1 });
    // @ts-expect-error: aggregated is a boolean
    void sieve.jobs.cost("j", { aggregated: "yes" });
    // @ts-expect-error: followLogs has no timeout of its own
    void sieve.jobs.followLogs("j", { timeoutMs: 1 });
    // @ts-expect-error: the version listing has no status filter
    void sieve.functions.versionJobs("a/b", "latest", { status: "error" });
    // @ts-expect-error: visibility is public or private
    void sieve.functions.edit("a/b", { visibility: "secret" });
    // @ts-expect-error: not a field of a function
    void sieve.functions.edit("a/b", { descripton: "x" });
    // @ts-expect-error: webhooks are { hooks: [...] }
    void sieve.functions.edit("a/b", { webhooks: [] });
    // @ts-expect-error: replicas are numbers
    void sieve.functions.editVersion("a/b", "latest", { minimum_replicas: "1" });
    // @ts-expect-error: a version is named by a slug
    void sieve.functions.version("a/b");
    // @ts-expect-error: a usage window's time is a Date or a number
    void sieve.usage.total({ start: "2026-03-01" });
    // @ts-expect-error: not an end status
    void sieve.usage.concurrency({ status: "processing" });
    // @ts-expect-error: chunkSize is a number of minutes
    void sieve.usage.concurrency({ chunkSize: "60" });
    // @ts-expect-error: account.concurrency takes only the per-call options
    void sieve.account.concurrency({ function: "a/b" });
  });
});
