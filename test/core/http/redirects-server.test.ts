/**
 * Redirects between two real local servers (two ports: two origins): same-origin hops keep the
 * key, cross-origin hops drop it, a push is never redirected, and a loop ends after 5 hops.
 */
import { describe, expect, it } from "vitest";
import {
  createSieveClient,
  SieveApiError,
  SieveConnectionError,
  type SieveClient,
} from "../../../src/index.js";
import { JOB_ID, job, pushResponse } from "../../support/fixtures.js";
import { rejectionOf } from "../../support/fake-fetch.js";
import { sendJson, useLocalServers, type LocalServer } from "../../support/local-server.js";

const startServer = useLocalServers();
const KEY = "sk-redirect-test-1234";

function clientOf(server: LocalServer, maxRetries = 0): SieveClient {
  return createSieveClient({ apiKey: KEY, baseUrl: `${server.url}/v2`, maxRetries });
}

function redirectTo(location: (n: number) => string, status = 302) {
  return startServer((_request, response, n) => {
    response.writeHead(status, { location: location(n) });
    response.end();
  });
}

describe("redirects over real HTTP", () => {
  it("follows a same-origin redirect of a GET, still with the key", async () => {
    const server = await startServer((request, response) => {
      if (request.path.startsWith("/v2/jobs/")) {
        response.writeHead(301, { location: "/v2/moved/job" });
        response.end();
      } else sendJson(response, 200, job);
    });

    expect(await clientOf(server).jobs.get(JOB_ID)).toEqual(job);

    expect(server.requests.map((r) => r.path)).toEqual([`/v2/jobs/${JOB_ID}`, "/v2/moved/job"]);
    expect(server.requests.map((r) => r.headers["x-api-key"])).toEqual([KEY, KEY]);
  });

  it("follows a cross-origin redirect without X-API-Key", async () => {
    const other = await startServer((_request, response) => sendJson(response, 200, job));
    const api = await redirectTo(() => `${other.url}/elsewhere`);

    expect(await clientOf(api).jobs.get(JOB_ID)).toEqual(job);

    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.headers["x-api-key"]).toBe(KEY);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.path).toBe("/elsewhere");
    expect(other.requests[0]?.headers).not.toHaveProperty("x-api-key");
    expect(other.requests[0]?.headers["user-agent"]).toMatch(/^sieve-client\//);
  });

  it("does not give the key back after a hop away and a hop back", async () => {
    let api: LocalServer | undefined;
    const other = await redirectTo(() => `${api?.url}/v2/back`);
    api = await startServer((request, response) => {
      if (request.path === "/v2/back") sendJson(response, 200, job);
      else {
        response.writeHead(302, { location: `${other.url}/away` });
        response.end();
      }
    });

    await clientOf(api).jobs.get(JOB_ID);

    expect(api.requests.map((r) => r.headers["x-api-key"])).toEqual([KEY, undefined]);
  });

  it.each([307, 308, 302])(
    "does not follow a %i on POST /push (1 request, an error)",
    async (s) => {
      const other = await startServer((_request, response) =>
        sendJson(response, 200, pushResponse),
      );
      const api = await redirectTo(() => `${other.url}/v2/push`, s);

      const error = await rejectionOf(clientOf(api, 2).jobs.push({ function: "a/b", inputs: {} }));

      expect(error).toBeInstanceOf(SieveApiError);
      expect(error).toMatchObject({ status: s, method: "POST" });
      expect(api.requests).toHaveLength(1);
      expect(other.requests).toHaveLength(0);
    },
  );

  it("gives up after 5 redirects with SieveConnectionError (6 requests)", async () => {
    const api = await redirectTo((n) => `/v2/loop/${n + 1}`);

    const error = await rejectionOf(clientOf(api).jobs.list());

    expect(error).toBeInstanceOf(SieveConnectionError);
    expect((error as Error).message).toContain("more than 5 redirects");
    expect(api.requests).toHaveLength(6);
  });

  it("follows exactly 5 redirects", async () => {
    const api = await startServer((_request, response, n) => {
      if (n < 5) {
        response.writeHead(307, { location: `/v2/hop/${n + 1}` });
        response.end();
      } else sendJson(response, 200, job);
    });

    expect(await clientOf(api).jobs.get(JOB_ID)).toEqual(job);
    expect(api.requests).toHaveLength(6);
  });
});
