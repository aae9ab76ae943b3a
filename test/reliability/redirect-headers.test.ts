/**
 * Redirects (issue 10), through both entries against real local servers: a hop to another
 * origin carries no header the caller set (the key, the custom `headers` option, its own
 * User-Agent), only the client's User-Agent; a same-origin hop keeps everything; a 303 is
 * followed as a GET without a body whatever the method, so a `POST /push` answered 303 is never
 * sent again, and a DELETE answered 303 is read, not repeated.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_USER_AGENT } from "../../src/core/config/user-agent.js";
import { SieveApiError, SieveRateLimitError } from "../../src/index.js";
import { JOB_ID, cancelResponse, job, pushResponse } from "../support/fixtures.js";
import { sendJson, useLocalServers, type LocalServer } from "../support/local-server.js";
import { ENTRIES, timed } from "./support.js";

const startServer = useLocalServers();
const KEY = "sk-live-REDIRECT-4e8b2d6a0c91";
const CUSTOM = { "X-Request-Source": "billing-service", "X-Tenant": "acme" };

/** A server that answers every request with `status` and a Location into `target`. */
function redirectingTo(target: () => string, status = 307): Promise<LocalServer> {
  return startServer((_request, response) => {
    response.writeHead(status, { location: target() });
    response.end();
  });
}

describe.each(ENTRIES)("through the %s", (_entry, create) => {
  const client = (url: string, options = {}) =>
    create({ apiKey: KEY, baseUrl: url, headers: CUSTOM, maxRetries: 2, ...options });

  it("a cross-origin hop carries none of the caller's headers, only the client's User-Agent", async () => {
    const other = await startServer((_request, response) => sendJson(response, 200, job));
    const api = await redirectingTo(() => `${other.url}/elsewhere`);

    await expect(client(`${api.url}/v2`).jobs.get(JOB_ID)).resolves.toEqual(job);

    const received = other.requests[0]?.headers ?? {};
    expect(received["user-agent"]).toBe(DEFAULT_USER_AGENT);
    expect(received["x-api-key"]).toBeUndefined();
    expect(received["x-request-source"]).toBeUndefined();
    expect(received["x-tenant"]).toBeUndefined();
    expect(JSON.stringify(other.requests)).not.toContain(KEY);
  });

  it("a cross-origin hop drops a custom User-Agent too", async () => {
    const other = await startServer((_request, response) => sendJson(response, 200, job));
    const api = await redirectingTo(() => `${other.url}/elsewhere`);
    const sieve = client(`${api.url}/v2`, { headers: { "User-Agent": "my-app/1.0" } });

    await sieve.jobs.get(JOB_ID);

    expect(api.requests[0]?.headers["user-agent"]).toBe("my-app/1.0");
    expect(other.requests[0]?.headers["user-agent"]).toBe(DEFAULT_USER_AGENT);
  });

  it("a same-origin hop keeps the key and every custom header", async () => {
    const api = await startServer((request, response) => {
      if (request.path.startsWith("/old")) {
        response.writeHead(308, { location: `/v2/jobs/${JOB_ID}` });
        response.end();
      } else sendJson(response, 200, job);
    });

    await expect(client(`${api.url}/old`).jobs.get(JOB_ID)).resolves.toEqual(job);

    const hop = api.requests[1]?.headers ?? {};
    expect(hop["x-api-key"]).toBe(KEY);
    expect(hop["x-request-source"]).toBe("billing-service");
    expect(hop["x-tenant"]).toBe("acme");
  });

  it("a 303 answer to a DELETE is followed as a GET, not a second DELETE", async () => {
    const api = await startServer((request, response) => {
      if (request.method === "DELETE") {
        response.writeHead(303, { location: "/v2/cancelled" });
        response.end();
      } else sendJson(response, 200, cancelResponse);
    });

    await expect(client(`${api.url}/v2`).jobs.cancel(JOB_ID)).resolves.toEqual(cancelResponse);

    expect(api.requests.map((request) => request.method)).toEqual(["DELETE", "GET"]);
  });

  it("a POST /push answered 303 is sent once; the hop is a GET without body or Content-Type", async () => {
    const api = await startServer((request, response) => {
      if (request.method === "POST") {
        response.writeHead(303, { location: `/v2/pushed/${pushResponse.id}` });
        response.end();
      } else sendJson(response, 200, pushResponse);
    });

    const pushed = await client(`${api.url}/v2`).jobs.push({ function: "demo/echo", inputs: {} });

    expect(pushed).toEqual(pushResponse);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v2/push",
      `GET /v2/pushed/${pushResponse.id}`,
    ]);
    expect(api.requests[1]?.body).toBe("");
    expect(api.requests[1]?.headers["content-type"]).toBeUndefined();
  });

  it("a POST /push answered 303 whose GET then gets 429 is not pushed again", async () => {
    const api = await startServer((request, response) => {
      if (request.method === "POST") {
        response.writeHead(303, { location: "/v2/pushed" });
        response.end();
      } else sendJson(response, 429, { detail: "slow down" });
    });

    const { error } = await timed(() =>
      client(`${api.url}/v2`).jobs.push({ function: "demo/echo", inputs: {} }),
    );

    expect(error).toBeInstanceOf(SieveRateLimitError);
    expect(api.requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });

  it.each([301, 302, 307, 308])("a POST /push answered %i is not followed", async (status) => {
    const api = await redirectingTo(() => "/v2/push-elsewhere", status);

    const { error } = await timed(() =>
      client(`${api.url}/v2`).jobs.push({ function: "demo/echo", inputs: {} }),
    );

    expect(error).toBeInstanceOf(SieveApiError);
    expect((error as SieveApiError).status).toBe(status);
    expect(api.requests).toHaveLength(1);
  });
});
