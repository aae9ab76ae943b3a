/**
 * A 2xx of the wrong shape (issue 10), through both entries against a real local server: valid
 * JSON that is not what the operation returns (object vs array, a job without a string `id` and
 * `status`, a push without a string `id`, a page without a `data` array) is a `SieveApiError`
 * saying so, never a `TypeError` later nor `null` typed as the result; and what the real API may
 * send (extra properties, a job without `outputs` or with `outputs: null`) passes.
 */
import { describe, expect, it } from "vitest";
import type { SieveClient } from "../../src/index.js";
import { SieveApiError } from "../../src/index.js";
import {
  JOB_ID,
  cancelResponse,
  functionVersion,
  job,
  jobPage,
  pushResponse,
  sieveFunction,
} from "../support/fixtures.js";
import { sendJson, useLocalServers } from "../support/local-server.js";
import { ENTRIES, MAY_EXIST, timed } from "./support.js";

const startServer = useLocalServers();
const { outputs: _outputs, ...jobWithoutOutputs } = job;

type Call = (sieve: SieveClient) => Promise<unknown>;
const CALLS: Record<string, { call: Call; op: string }> = {
  "jobs.get": { call: (s) => s.jobs.get(JOB_ID), op: "GET /jobs/{job_id}" },
  "jobs.push": {
    call: (s) => s.jobs.push({ function: "demo/echo", inputs: {} }),
    op: "POST /push",
  },
  "jobs.list": { call: (s) => s.jobs.list(), op: "GET /jobs" },
  "jobs.cancel": { call: (s) => s.jobs.cancel(JOB_ID), op: "DELETE /jobs/{job_id}" },
  "functions.get": { call: (s) => s.functions.get("sieve/dubbing"), op: "GET /functions/" },
  "functions.versions": {
    call: (s) => s.functions.versions("sieve/dubbing"),
    op: "GET /functions/{owner_name}/{function_name}/versions",
  },
  "functions.jobs": {
    call: (s) => s.functions.jobs("sieve/dubbing"),
    op: "GET /functions/{owner_name}/{function_name}/jobs",
  },
  "jobs.wait": { call: (s) => s.jobs.wait(JOB_ID, { intervalMs: 10 }), op: "GET /jobs/{job_id}" },
  "jobs.all": {
    call: async (s) => {
      for await (const item of s.jobs.all()) void item;
    },
    op: "GET /jobs",
  },
};

const WRONG: [keyof typeof CALLS, unknown, string][] = [
  ["jobs.get", null, "got null"],
  ["jobs.get", 42, "got a number"],
  ["jobs.get", [job], "got an array"],
  ["jobs.get", { ...job, id: 7 }, 'string "id"'],
  ["jobs.get", { id: JOB_ID }, 'string "status"'],
  ["jobs.wait", null, "got null"],
  ["jobs.wait", { ...job, status: null }, 'string "status"'],
  ["jobs.push", null, "got null"],
  ["jobs.push", {}, 'string "id"'],
  ["jobs.push", [pushResponse], "got an array"],
  ["jobs.list", [job], "got an array"],
  ["jobs.list", { data: null }, '"data" array'],
  ["jobs.list", { data: [null] }, "item 0"],
  ["jobs.all", { items: [job] }, '"data" array'],
  ["jobs.all", { data: [job, "x"] }, "item 1"],
  ["jobs.cancel", [], "got an array"],
  ["functions.get", "sieve/dubbing", "got a string"],
  ["functions.versions", { data: [functionVersion] }, "expected a JSON array"],
  ["functions.versions", [null], "item 0"],
  ["functions.jobs", [job, 3], "item 1"],
  ["functions.jobs", "jobs", "got a string"],
];

const RIGHT: [keyof typeof CALLS, unknown][] = [
  ["jobs.get", jobWithoutOutputs],
  ["jobs.get", { ...job, outputs: null }],
  ["jobs.get", { ...job, brand_new_field: { nested: true } }],
  ["jobs.push", { id: JOB_ID }],
  ["jobs.list", { data: [] }],
  ["jobs.list", jobPage],
  ["jobs.cancel", cancelResponse],
  ["functions.get", sieveFunction],
  ["functions.versions", []],
  ["functions.jobs", { data: [jobWithoutOutputs], next_offset: -1 }],
  // Seed 001: some deployments answer a function's jobs as a bare list.
  ["functions.jobs", [job, jobWithoutOutputs]],
  ["jobs.get", { ...job, status: "started", outputs: [[job.outputs?.[0]]] }],
];

describe.each(ENTRIES)("through the %s", (_entry, create) => {
  const serving = async (body: unknown) => {
    const server = await startServer((_request, response) => sendJson(response, 200, body));
    return { server, sieve: create({ apiKey: "k-shape", baseUrl: server.url, maxRetries: 2 }) };
  };

  it.each(WRONG)("%s answered %j is a SieveApiError (%s)", async (name, body, says) => {
    const { call, op } = CALLS[name] as { call: Call; op: string };
    const { server, sieve } = await serving(body);

    const { error } = await timed(() => call(sieve));

    expect(error).toBeInstanceOf(SieveApiError);
    expect(error).toMatchObject({ status: 200 });
    const { message } = error as Error;
    expect(message).toContain(`not what ${op}`);
    expect(message).toContain(says);
    expect(server.requests).toHaveLength(1);
    if (name === "jobs.push") expect(message).toContain(MAY_EXIST);
  });

  it.each(RIGHT)("%s accepts %j", async (name, body) => {
    const { call } = CALLS[name] as { call: Call };
    const { sieve } = await serving(body);

    // A bare list of a function's jobs is handed out as the page it stands for.
    const expected = name === "functions.jobs" && Array.isArray(body) ? { data: body } : body;
    await expect(call(sieve)).resolves.toEqual(expected);
  });
});
