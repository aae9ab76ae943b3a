/**
 * `sieve.functions` over an injected fetch: the method, URL, headers and body of each request,
 * the parsed body each method resolves to, and the arguments refused before anything is sent.
 */
import { describe, expect, it } from "vitest";
import type { SieveClient } from "../../src/index.js";
import {
  BASE_URL,
  rejectionOf,
  expectInputError,
  fakeFetch,
  reply,
  testClient,
  untyped,
  type Responder,
} from "../support/fake-fetch.js";
import { functionVersion, job, jobPage, sieveFunction } from "../support/fixtures.js";
import { expectNoBody, expectOneRequest } from "../support/request-checks.js";

const FUNCTION_URL = `${BASE_URL}/functions/sieve/dubbing`;

describe("sieve.functions.get", () => {
  it("GETs /functions/{owner}/{name} and resolves to the Function", async () => {
    const { fetch, requests } = fakeFetch(reply(200, sieveFunction));

    const fn = await testClient(fetch).functions.get("sieve/dubbing");

    expect(fn).toEqual(sieveFunction);
    expectNoBody(expectOneRequest(requests, "GET", FUNCTION_URL));
  });

  it("refuses an owner or name that would need percent-encoding, sending nothing", async () => {
    const { fetch, requests } = fakeFetch(reply(200, sieveFunction));

    for (const ref of ["my org/dubbing", "demo/dub?bing", "demo/dub#x", "demo/é"]) {
      await expect(testClient(fetch).functions.get(ref)).rejects.toMatchObject({
        name: "SieveInputError",
      });
    }
    expect(requests).toHaveLength(0);
  });
});

describe("sieve.functions.versions", () => {
  it("GETs /functions/{owner}/{name}/versions and resolves to the versions", async () => {
    const { fetch, requests } = fakeFetch(reply(200, [functionVersion]));

    const versions = await testClient(fetch).functions.versions("sieve/dubbing");

    expect(versions).toEqual([functionVersion]);
    expectNoBody(expectOneRequest(requests, "GET", `${FUNCTION_URL}/versions`));
  });

  it("sends limit and offset as query parameters", async () => {
    const { fetch, requests } = fakeFetch(reply(200, [functionVersion]));

    await testClient(fetch).functions.versions("sieve/dubbing", { limit: 5, offset: 1 });

    expectOneRequest(requests, "GET", `${FUNCTION_URL}/versions?limit=5&offset=1`);
  });
});

describe("sieve.functions.jobs", () => {
  it("GETs /functions/{owner}/{name}/jobs and resolves to the JobPage", async () => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));

    const page = await testClient(fetch).functions.jobs("sieve/dubbing");

    expect(page).toEqual(jobPage);
    expectNoBody(expectOneRequest(requests, "GET", `${FUNCTION_URL}/jobs`));
  });

  it("sends limit, offset and status as query parameters", async () => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));

    await testClient(fetch).functions.jobs("sieve/dubbing", {
      limit: 2,
      offset: 4,
      status: "error",
    });

    expectOneRequest(requests, "GET", `${FUNCTION_URL}/jobs?limit=2&offset=4&status=error`);
  });

  it("turns a bare list of jobs, as some deployments answer, into a page", async () => {
    const { fetch } = fakeFetch(reply(200, [job]));

    const page = await testClient(fetch).functions.jobs("sieve/dubbing");

    expect(page).toEqual({ data: [job] });
  });
});

/** The URL of each request sent, in order. */
const urls = (requests: readonly Request[]) => requests.map((request) => request.url);

/** Answers `GET ...?offset=N` with `pages[N / size]` (the last page for any offset past it). */
function pagedReplies(pages: unknown[], size: number): Responder {
  return (request) => {
    const offset = Number(new URL(request.url).searchParams.get("offset") ?? 0);
    const page = pages[Math.min(offset / size, pages.length - 1)];
    return new Response(JSON.stringify(page), { headers: { "content-type": "application/json" } });
  };
}

describe("sieve.functions.list and all", () => {
  it("GETs /functions with limit and offset, and resolves to the functions", async () => {
    const { fetch, requests } = fakeFetch(reply(200, [sieveFunction]));

    const functions = await testClient(fetch).functions.list({ limit: 10, offset: 20 });

    expect(functions).toEqual([sieveFunction]);
    expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}/functions?limit=10&offset=20`));
  });

  it("all reads page after page while pages come back full, skipping a function seen twice", async () => {
    const fn = (name: string) => ({ name, owner_name: "me" });
    const pages = [[fn("a"), fn("b")], [fn("b"), fn("c")], [fn("d")]];
    const { fetch, requests } = fakeFetch(pagedReplies(pages, 2));

    const names: string[] = [];
    for await (const item of testClient(fetch).functions.all({ pageSize: 2 }))
      names.push(item.name);

    expect(names).toEqual(["a", "b", "c", "d"]);
    expect(urls(requests)).toEqual(
      [0, 2, 4].map((o) => `${BASE_URL}/functions?limit=2&offset=${o}`),
    );
  });
});

describe("sieve.functions.version", () => {
  it("GETs /functions/{owner}/{name}/versions/{slug} and resolves to the version", async () => {
    const { fetch, requests } = fakeFetch(reply(200, functionVersion));

    const version = await testClient(fetch).functions.version("sieve/dubbing", "latest");

    expect(version).toEqual(functionVersion);
    expectNoBody(expectOneRequest(requests, "GET", `${FUNCTION_URL}/versions/latest`));
  });

  it.each([[""], [".."], ["a/b"], [" latest"], [untyped(7)]])(
    "refuses the slug %j, sending nothing",
    async (slug) => {
      const { fetch, requests } = fakeFetch(reply(200, functionVersion));
      const call = () => testClient(fetch).functions.version("sieve/dubbing", slug);
      await expectInputError(call, "slug", requests);
    },
  );
});

describe("sieve.functions.versionJobs and allVersionJobs", () => {
  const VERSION_JOBS_URL = `${FUNCTION_URL}/versions/5f8b2c1e/jobs`;

  it("GETs .../versions/{slug}/jobs with limit and offset, and resolves to the page", async () => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));

    const page = await testClient(fetch).functions.versionJobs("sieve/dubbing", "5f8b2c1e", {
      limit: 5,
      offset: 10,
    });

    expect(page).toEqual(jobPage);
    expectOneRequest(requests, "GET", `${VERSION_JOBS_URL}?limit=5&offset=10`);
  });

  it("turns a bare list into a page", async () => {
    const { fetch } = fakeFetch(reply(200, [job]));
    const page = await testClient(fetch).functions.versionJobs("sieve/dubbing", "latest");
    expect(page).toEqual({ data: [job] });
  });

  it("refuses a status filter: the version listing has none", async () => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));
    const call = () =>
      testClient(fetch).functions.versionJobs(
        "sieve/dubbing",
        "latest",
        untyped({ status: "error" }),
      );
    await expectInputError(call, "params.status", requests);
  });

  it("allVersionJobs follows next_offset, and reads bare lists while they come back full", async () => {
    const jobN = (n: number) => ({ ...job, id: `job-${n}` });
    const pages = [{ data: [jobN(1), jobN(2)], next_offset: 2 }, [jobN(3), jobN(4)], [jobN(5)]];
    const { fetch, requests } = fakeFetch(pagedReplies(pages, 2));

    const ids: string[] = [];
    const sieve = testClient(fetch);
    for await (const item of sieve.functions.allVersionJobs("sieve/dubbing", "5f8b2c1e", {
      pageSize: 2,
    }))
      ids.push(item.id);

    expect(ids).toEqual(["job-1", "job-2", "job-3", "job-4", "job-5"]);
    expect(urls(requests)).toEqual([0, 2, 4].map((o) => `${VERSION_JOBS_URL}?limit=2&offset=${o}`));
  });
});

describe("sieve.functions.edit", () => {
  const EDIT_URL = `${FUNCTION_URL}/edit`;

  it("POSTs the changes as JSON to .../edit and resolves to the function", async () => {
    const { fetch, requests } = fakeFetch(reply(200, sieveFunction));
    const changes = {
      description: "Dubs videos.",
      visibility: "private" as const,
      tags: ["audio"],
      readme: null,
      webhooks: { hooks: [{ type: "job.complete" as const, url: "https://example.com/hook" }] },
    };

    const fn = await testClient(fetch).functions.edit("sieve/dubbing", changes);

    expect(fn).toEqual(sieveFunction);
    const sent = expectOneRequest(requests, "POST", EDIT_URL);
    expect(sent.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(await sent.text())).toEqual(changes);
  });

  it.each([
    ["not an object", [], "changes"],
    ["null", null, "changes"],
    ["an unknown field", { descripton: "x" }, "changes.descripton"],
    ["a title that is not a string", { title: 1 }, "changes.title"],
    ["tags that are not strings", { tags: ["a", 2] }, "changes.tags"],
    ["a visibility outside the enum", { visibility: "secret" }, "changes.visibility"],
    ["webhooks as a list", { webhooks: [] }, "changes.webhooks"],
    ["webhooks without hooks", { webhooks: {} }, "changes.webhooks.hooks"],
    ["an unknown webhooks field", { webhooks: { hooks: [], all: true } }, "changes.webhooks.all"],
    [
      "a hook with a relative url",
      { webhooks: { hooks: [{ type: "job.complete", url: "/hook" }] } },
      "changes.webhooks.hooks[0].url",
    ],
    [
      "a hook of an unknown type",
      { webhooks: { hooks: [{ type: "job.done", url: "https://h.test/" }] } },
      "changes.webhooks.hooks[0].type",
    ],
  ])("refuses %s, sending nothing", async (_what, changes, field) => {
    const { fetch, requests } = fakeFetch(reply(200, sieveFunction));
    const call = () => testClient(fetch).functions.edit("sieve/dubbing", untyped(changes));
    await expectInputError(call, field, requests);
  });
});

describe("sieve.functions.editVersion", () => {
  const EDIT_URL = `${FUNCTION_URL}/versions/latest/edit`;

  it("POSTs the replicas to .../versions/{slug}/edit and resolves to the version", async () => {
    const { fetch, requests } = fakeFetch(reply(200, functionVersion));

    const version = await testClient(fetch).functions.editVersion("sieve/dubbing", "latest", {
      minimum_replicas: 1,
      maximum_replicas: 4,
    });

    expect(version).toEqual(functionVersion);
    const sent = expectOneRequest(requests, "POST", EDIT_URL);
    expect(JSON.parse(await sent.text())).toEqual({ minimum_replicas: 1, maximum_replicas: 4 });
  });

  it("sends null to clear a field, and a minimum alone", async () => {
    const { fetch, requests } = fakeFetch(reply(200, functionVersion));
    const sieve = testClient(fetch);
    await sieve.functions.editVersion("sieve/dubbing", "latest", { maximum_replicas: null });
    await sieve.functions.editVersion("sieve/dubbing", "latest", { minimum_replicas: 0 });
    const bodies = await Promise.all(requests.map(async (r) => JSON.parse(await r.text())));
    expect(bodies).toEqual([{ maximum_replicas: null }, { minimum_replicas: 0 }]);
  });

  it.each([
    ["a negative minimum", { minimum_replicas: -1 }, "changes.minimum_replicas"],
    ["a fractional maximum", { maximum_replicas: 1.5 }, "changes.maximum_replicas"],
    ["a string", { minimum_replicas: "2" }, "changes.minimum_replicas"],
    [
      "a minimum above the maximum",
      { minimum_replicas: 5, maximum_replicas: 2 },
      "changes.maximum_replicas",
    ],
    ["an unknown field", { replicas: 2 }, "changes.replicas"],
    ["not an object", "min=1", "changes"],
  ])("refuses %s, sending nothing", async (_what, changes, field) => {
    const { fetch, requests } = fakeFetch(reply(200, functionVersion));
    const call = () =>
      testClient(fetch).functions.editVersion("sieve/dubbing", "latest", untyped(changes));
    await expectInputError(call, field, requests);
  });
});

describe("the function ref and the per-call options of the new methods", () => {
  const calls: Array<[string, (sieve: SieveClient, ref: string) => Promise<unknown>]> = [
    ["version", (s, ref) => s.functions.version(ref, "latest")],
    ["versionJobs", (s, ref) => s.functions.versionJobs(ref, "latest")],
    ["edit", (s, ref) => s.functions.edit(ref, {})],
    ["editVersion", (s, ref) => s.functions.editVersion(ref, "latest", {})],
  ];

  it.each(calls)("%s refuses a ref that is not owner/name", async (_name, call) => {
    const { fetch, requests } = fakeFetch(reply(200, {}));
    await expectInputError(() => call(testClient(fetch), "sieve"), "ref", requests);
    await expectInputError(() => call(testClient(fetch), "sieve/dubbing:2"), "ref", requests);
  });

  it("the iterators check their arguments when called, before any request", () => {
    const { fetch, requests } = fakeFetch(reply(200, []));
    const sieve = testClient(fetch);
    expect(() => sieve.functions.all(untyped({ pageSize: 0 }))).toThrow("params.pageSize");
    expect(() => sieve.functions.allVersionJobs("sieve/dubbing", "..")).toThrow("slug");
    expect(() => sieve.functions.all({}, untyped({ retries: 1 }))).toThrow("options.retries");
    expect(requests).toHaveLength(0);
  });
});

describe("edits are retried as reads are (setting the same fields twice is harmless)", () => {
  it("edit and editVersion are sent again after a 503, a push is not", async () => {
    const fn = { name: "dubber", owner_name: "my-org" };
    const { fetch, requests } = fakeFetch(reply(503, { detail: "busy" }), reply(200, fn));
    const sieve = testClient(fetch, { maxRetries: 1, maxRetryDelayMs: 1 });
    await sieve.functions.edit("my-org/dubber", { description: "x" });
    expect(requests.map((r) => r.method)).toEqual(["POST", "POST"]);

    const version = fakeFetch(reply(503, { detail: "busy" }), reply(200, { id: "v1" }));
    await testClient(version.fetch, { maxRetries: 1 }).functions.editVersion(
      "my-org/dubber",
      "v1",
      {
        minimum_replicas: 1,
      },
    );
    expect(version.requests).toHaveLength(2);

    const push = fakeFetch(reply(503, { detail: "busy" }), reply(200, { id: "j" }));
    const error = await rejectionOf(
      testClient(push.fetch, { maxRetries: 1 }).jobs.push({ function: "a/b", inputs: {} }),
    );
    expect(push.requests).toHaveLength(1);
    expect((error as Error).message).toContain("may or may not have been created");
  });
});
