/**
 * Issue 2's contract: every operation of openapi/sieve.yaml, called through a bare openapi-fetch
 * client typed by generated/, is accepted by a Prism mock of the same spec (no 422, no
 * `sl-violations`), and its success and failure bodies have the generated types (as openapi-fetch
 * hands them out: through its `Readable`, which also maps the open part of `JobStatus`,
 * `string & {}`, so bodies with a status are compared as `Readable<T>`). Prism runs with
 * `--errors`, so a response that broke the spec would arrive as a 500.
 */
import createClient from "openapi-fetch";
import type { Readable } from "openapi-typescript-helpers";
import { describe, expect, expectTypeOf, inject, it } from "vitest";
import type {
  CancelJobResponse,
  ErrorDetail,
  Function as SieveFunction,
  FunctionVersion,
  HTTPValidationError,
  Job,
  JobPage,
  PushResponse,
  paths,
} from "../../generated/sieve.js";

const baseUrl = inject("prismUrl");
const api = createClient<paths>({ baseUrl, headers: { "X-API-Key": "contract-test-key" } });
const anonymous = createClient<paths>({ baseUrl });
const jobId = "43d7add5-61cf-44ad-aac8-c5d14c642bb4";
const fn = { owner_name: "sieve", function_name: "dubbing" };

function expectAccepted(response: Response): void {
  expect(response.headers.get("sl-violations")).toBeNull();
  expect(response.status).toBe(200);
}

describe("pushJob POST /push", () => {
  it("accepts a push and answers a PushResponse", async () => {
    const { data, response } = await api.POST("/push", {
      body: { function: "sieve/dubbing", inputs: { target_language: "spanish" } },
    });
    expectAccepted(response);
    expectTypeOf(data).toEqualTypeOf<Readable<PushResponse> | undefined>();
    expect(data?.id).toEqual(expect.any(String));
    expect(["queued", "processing", "error", "finished", "cancelled"]).toContain(data?.status);
  });

  it("rejects a push without inputs with the 422 validation body", async () => {
    // @ts-expect-error inputs is required by the spec
    const { error, response } = await api.POST("/push", { body: { function: "sieve/dubbing" } });
    expect(response.status).toBe(422);
    expect(response.headers.get("sl-violations")).toContain("inputs");
    expectTypeOf(error).toMatchTypeOf<HTTPValidationError | ErrorDetail | undefined>();
    expect(Array.isArray((error as HTTPValidationError).detail)).toBe(true);
  });
});

describe("listJobs GET /jobs", () => {
  it("accepts limit, offset and status and answers a JobPage", async () => {
    const { data, response } = await api.GET("/jobs", {
      params: { query: { limit: 10, offset: 0, status: "finished" } },
    });
    expectAccepted(response);
    expectTypeOf(data).toEqualTypeOf<Readable<JobPage> | undefined>();
    expect(Array.isArray(data?.data)).toBe(true);
    expect(typeof data?.next_offset).toBe("number");
  });

  it("accepts a status outside the known five (statuses are an open set)", async () => {
    const { response } = await api.GET("/jobs", { params: { query: { status: "started" } } });
    expectAccepted(response);
  });

  it("rejects a negative limit with 422", async () => {
    const { response } = await api.GET("/jobs", { params: { query: { limit: -1 } } });
    expect(response.status).toBe(422);
  });
});

describe("getJob GET /jobs/{job_id}", () => {
  it("answers a Job with outputs", async () => {
    const { data, response } = await api.GET("/jobs/{job_id}", {
      params: { path: { job_id: jobId }, query: { offset: 0 } },
    });
    expectAccepted(response);
    expectTypeOf(data).toEqualTypeOf<Readable<Job> | undefined>();
    expect(data?.status).toEqual(expect.any(String));
    expect(
      data?.outputs === undefined || data?.outputs === null || Array.isArray(data?.outputs),
    ).toBe(true);
  });

  it("answers the typed 404 body when asked with Prefer: code=404", async () => {
    const { error, response } = await api.GET("/jobs/{job_id}", {
      params: { path: { job_id: jobId } },
      headers: { Prefer: "code=404" },
    });
    expect(response.status).toBe(404);
    expect(error).toEqual({ detail: expect.any(String) });
  });
});

describe("cancelJob DELETE /jobs/{job_id}", () => {
  it("answers { message }", async () => {
    const { data, response } = await api.DELETE("/jobs/{job_id}", {
      params: { path: { job_id: jobId } },
    });
    expectAccepted(response);
    expectTypeOf(data).toEqualTypeOf<CancelJobResponse | undefined>();
    expect(data?.message).toEqual(expect.any(String));
  });
});

describe("getFunction GET /functions/{owner_name}/{function_name}", () => {
  it("answers a Function with its latest version", async () => {
    const { data, response } = await api.GET("/functions/{owner_name}/{function_name}", {
      params: { path: fn },
    });
    expectAccepted(response);
    expectTypeOf(data).toEqualTypeOf<SieveFunction | undefined>();
    expect(data?.name).toEqual(expect.any(String));
    expect(data?.owner_name).toEqual(expect.any(String));
  });
});

describe("listFunctionVersions GET /functions/{owner_name}/{function_name}/versions", () => {
  it("answers FunctionVersion[]", async () => {
    const { data, response } = await api.GET("/functions/{owner_name}/{function_name}/versions", {
      params: { path: fn, query: { limit: 5, offset: 0 } },
    });
    expectAccepted(response);
    expectTypeOf(data).toEqualTypeOf<FunctionVersion[] | undefined>();
    expect(Array.isArray(data)).toBe(true);
    expect(data?.[0]?.build_status).toEqual(expect.any(String));
  });
});

describe("listFunctionJobs GET /functions/{owner_name}/{function_name}/jobs", () => {
  it("answers a JobPage (or, as some deployments do, a bare list of jobs)", async () => {
    const { data, response } = await api.GET("/functions/{owner_name}/{function_name}/jobs", {
      params: { path: fn, query: { limit: 5, status: "finished" } },
    });
    expectAccepted(response);
    expectTypeOf(data).toEqualTypeOf<Readable<JobPage | Job[]> | undefined>();
    expect(Array.isArray(data) || Array.isArray(data?.data)).toBe(true);
  });
});

describe("authentication", () => {
  const calls = {
    pushJob: () => anonymous.POST("/push", { body: { function: "sieve/dubbing", inputs: {} } }),
    listJobs: () => anonymous.GET("/jobs"),
    getJob: () => anonymous.GET("/jobs/{job_id}", { params: { path: { job_id: jobId } } }),
    cancelJob: () => anonymous.DELETE("/jobs/{job_id}", { params: { path: { job_id: jobId } } }),
    getFunction: () =>
      anonymous.GET("/functions/{owner_name}/{function_name}", { params: { path: fn } }),
    listFunctionVersions: () =>
      anonymous.GET("/functions/{owner_name}/{function_name}/versions", { params: { path: fn } }),
    listFunctionJobs: () =>
      anonymous.GET("/functions/{owner_name}/{function_name}/jobs", { params: { path: fn } }),
  };

  it.each(Object.entries(calls))(
    "%s without an API key gives 401 with a detail",
    async (_, call) => {
      const { error, response } = await call();
      expect(response.status).toBe(401);
      expect(error).toEqual({ detail: expect.any(String) });
    },
  );
});
