import { describe, expect, it } from "vitest";
import type { Function as SieveFunction, FunctionVersion, JobPage } from "../../generated/sieve.js";
import type { EmulatedFunction } from "../../src/emulator/index.js";
import { api, clientFor, startReceiver, untilStatus, useEmulators } from "./helpers.js";

const emulators = useEmulators();

const functions: Record<string, EmulatedFunction> = {
  "demo/dub": {
    delayMs: 0,
    handler: () => "dubbed",
    version: "abc123-newest",
    previousVersions: ["abd456-older", "xyz789-oldest"],
  },
  "demo/echo": { delayMs: 0, handler: (inputs) => inputs },
  "sieve/dubbing": { delayMs: 0, handler: () => "theirs" },
};

describe("GET /functions", () => {
  it("lists the organization's own functions (all but sieve/... by default), paged", async () => {
    const emu = await emulators.start({ functions });
    const names = async (query = "") =>
      ((await api(emu, "GET", `/functions${query}`)).body as SieveFunction[]).map(
        (fn) => `${fn.owner_name}/${fn.name}`,
      );
    expect(await names()).toEqual(["demo/dub", "demo/echo"]);
    expect(await names("?limit=1&offset=1")).toEqual(["demo/echo"]);
    expect(await names("?offset=2")).toEqual([]);
    const theirs = (await api(emu, "GET", "/functions/sieve/dubbing")).body as SieveFunction;
    expect(theirs.visibility).toBe("public");
  });

  it("with `organization`, owns only that owner's functions", async () => {
    const emu = await emulators.start({
      functions: { ...functions, "acme/mine": {} },
      organization: "acme",
    });
    const listed = (await api(emu, "GET", "/functions")).body as SieveFunction[];
    expect(listed.map((fn) => fn.name)).toEqual(["mine"]);
    const edit = await api(emu, "POST", "/functions/demo/echo/edit", { body: { title: "x" } });
    expect(edit).toMatchObject({ status: 403, body: { detail: "Forbidden." } });
  });
});

describe("function versions", () => {
  it("finds a version by latest, full id or unique id prefix; 404 otherwise", async () => {
    const emu = await emulators.start({ functions });
    const version = async (slug: string) => {
      const answer = await api(emu, "GET", `/functions/demo/dub/versions/${slug}`);
      return answer.status === 200 ? (answer.body as FunctionVersion).id : answer;
    };
    expect(await version("latest")).toBe("abc123-newest");
    expect(await version("abd456-older")).toBe("abd456-older");
    expect(await version("abc")).toBe("abc123-newest");
    expect(await version("x")).toBe("xyz789-oldest");
    for (const slug of ["ab", "nope", "abc123-newest-and-more"]) {
      expect(await version(slug)).toMatchObject({
        status: 404,
        body: { detail: "Function version not found." },
      });
    }
    expect(await api(emu, "GET", "/functions/demo/missing/versions/latest")).toMatchObject({
      status: 404,
      body: { detail: "Function not found." },
    });
  });

  it("lists one version's jobs, newest first, paged", async () => {
    const emu = await emulators.start({ functions });
    const sieve = clientFor(emu);
    const pushed: string[] = [];
    for (const ref of ["demo/dub", "demo/dub:abd456-older", "demo/dub", "demo/echo"]) {
      pushed.push((await sieve.jobs.push({ function: ref, inputs: {} })).id);
    }
    await Promise.all(pushed.map((id) => untilStatus(emu, id)));
    const page = async (slug: string, query = "") =>
      (await api(emu, "GET", `/functions/demo/dub/versions/${slug}/jobs${query}`)).body as JobPage;
    const ids = (jobs: JobPage) => jobs.data.map((job) => job.id);
    expect(ids(await page("latest"))).toEqual([pushed[2], pushed[0]]);
    expect(ids(await page("abd"))).toEqual([pushed[1]]);
    expect(await page("abc", "?limit=1")).toMatchObject({
      data: [{ id: pushed[2] }],
      next_offset: 1,
    });
    expect(ids(await page("abc", "?limit=1&offset=1"))).toEqual([pushed[0]]);
    expect(ids(await page("xyz"))).toEqual([]);
    expect((await api(emu, "GET", "/functions/demo/dub/versions/zz/jobs")).status).toBe(404);
  });
});

describe("POST /functions/{owner}/{name}/edit", () => {
  it("changes the fields given, keeps the rest, and getFunction shows the change", async () => {
    const emu = await emulators.start({ functions });
    const before = (await api(emu, "GET", "/functions/demo/echo")).body as SieveFunction;
    const edited = await api(emu, "POST", "/functions/demo/echo/edit", {
      body: {
        description: "Echoes.",
        tags: ["text"],
        visibility: "public",
        readme: null,
        unknown_field: 1,
      },
    });
    expect(edited).toMatchObject({
      status: 200,
      body: { ...before, description: "Echoes.", tags: ["text"], visibility: "public" },
    });
    expect((await api(emu, "GET", "/functions/demo/echo")).body).toEqual(edited.body);
  });

  it("sends every job's events to the webhooks set on the function", async () => {
    const receiver = await startReceiver();
    emulators.track(receiver);
    const emu = await emulators.start({ functions });
    const hooks = [{ type: "job.complete", url: `${receiver.url}/fn` }];
    const edited = await api(emu, "POST", "/functions/demo/echo/edit", {
      body: { webhooks: { hooks } },
    });
    expect(edited.body).toMatchObject({ webhooks: hooks });
    const { id } = await clientFor(emu).jobs.push({ function: "demo/echo", inputs: { a: 1 } });
    await receiver.until(1);
    expect(receiver.received[0]).toMatchObject({
      path: "/fn",
      event: { type: "job.complete", body: { job_id: id, status: "finished" } },
    });
  });

  it("answers 403 for a function the organization does not own, 404 and 422", async () => {
    const emu = await emulators.start({ functions });
    const edit = (path: string, body: unknown) =>
      api(emu, "POST", `/functions/${path}/edit`, { body });
    expect(await edit("sieve/dubbing", { title: "Mine now" })).toMatchObject({
      status: 403,
      body: { detail: "Forbidden." },
    });
    expect(((await api(emu, "GET", "/functions/sieve/dubbing")).body as SieveFunction).title).toBe(
      "dubbing",
    );
    expect(await edit("demo/missing", {})).toMatchObject({
      status: 404,
      body: { detail: "Function not found." },
    });
    const invalid = await edit("demo/echo", {
      visibility: "secret",
      tags: "a,b",
      title: 3,
      webhooks: {},
    });
    expect(invalid).toMatchObject({ status: 422 });
    expect(
      (invalid.body as { detail: Array<{ loc: unknown[] }> }).detail.map((i) => i.loc),
    ).toEqual([
      ["body", "title"],
      ["body", "tags"],
      ["body", "visibility"],
      ["body", "webhooks", "hooks"],
    ]);
    expect((await edit("demo/echo", "")).status).toBe(422);
  });
});

describe("POST .../versions/{slug}/edit", () => {
  it("sets the replica bounds of that version, and 400s a minimum above the maximum", async () => {
    const emu = await emulators.start({ functions });
    const edit = (slug: string, body: unknown) =>
      api(emu, "POST", `/functions/demo/dub/versions/${slug}/edit`, { body });
    expect(await edit("latest", { minimum_replicas: 1, maximum_replicas: 4 })).toMatchObject({
      status: 200,
      body: { id: "abc123-newest", minimum_replicas: 1, maximum_replicas: 4 },
    });
    expect(await edit("abc", { maximum_replicas: 2 })).toMatchObject({
      body: { minimum_replicas: 1, maximum_replicas: 2 },
    });
    const fn = (await api(emu, "GET", "/functions/demo/dub")).body as SieveFunction;
    expect(fn.latest_version).toMatchObject({ minimum_replicas: 1, maximum_replicas: 2 });
    expect(await edit("abd", { minimum_replicas: 3, maximum_replicas: 5 })).toMatchObject({
      status: 200,
    });
    expect(await edit("latest", { minimum_replicas: 3 })).toMatchObject({
      status: 400,
      body: { detail: "Invalid values passed." },
    });
    expect(await edit("latest", { minimum_replicas: -1 })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["body", "minimum_replicas"], type: "greater_than_equal" }] },
    });
    expect(await edit("nope", {})).toMatchObject({ status: 404 });
    const theirs = await api(emu, "POST", "/functions/sieve/dubbing/versions/latest/edit", {
      body: { minimum_replicas: 1 },
    });
    expect(theirs).toMatchObject({ status: 403, body: { detail: "Forbidden." } });
  });
});

describe("looser pushes", () => {
  it("accepts list inputs, extra fields, any JSON env values and ?source", async () => {
    const emu = await emulators.start({ functions });
    const answer = await api(emu, "POST", "/push?source=dashboard", {
      body: {
        function: "demo/echo",
        inputs: ["a", 2],
        env: { RETRIES: 3, FLAGS: { fast: true } },
        priority: "high",
      },
    });
    expect(answer.status).toBe(200);
    const id = (answer.body as { id: string }).id;
    const job = await untilStatus(emu, id);
    expect(job.outputs[0]?.data).toEqual({ 0: "a", 1: 2 });
    expect(job.env).toEqual({ RETRIES: 3, FLAGS: { fast: true } });
    expect((await api(emu, "GET", `/jobs/${id}`)).body).toMatchObject({
      organization_id: expect.any(String),
      restarts: [],
      children: {},
    });
  });
});
