/**
 * Transport safety (issue 5, item 5), for both entries: a plain `http://` base URL to a host off
 * this machine is refused with SieveConfigError unless the caller opts in with
 * `allowInsecureHttp: true`; and a redirect to another origin never carries the API key (nor any
 * other credential header) there: two real local servers on two ports, the second recording
 * everything it receives.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SieveApiError, SieveConfigError } from "../../src/index.js";
import { JOB_ID, job } from "../support/fixtures.js";
import { sendJson, useLocalServers, type LocalServer } from "../support/local-server.js";
import { ENTRIES, timed } from "./support.js";

const startServer = useLocalServers();
const KEY = "sk-live-TRANSPORT-91c4e7a03b26";
const BEARER = "Bearer proxy-token-2d8f61";

const REMOTE_HTTP = [
  "http://api.example.com/v2",
  "http://mango.sievedata.com/v2",
  "http://10.0.0.5:8080/v2",
  "http://192.168.1.20/v2",
  "http://localhost.example.com/v2",
  "http://127.0.0.1.nip.io/v2",
];
const LOOPBACK_HTTP = [
  "http://127.0.0.1:4010/v2",
  "http://localhost:4010/v2",
  "http://[::1]:4010/v2",
];

const savedUrl = process.env.SIEVE_API_URL;
afterEach(() => {
  if (savedUrl === undefined) delete process.env.SIEVE_API_URL;
  else process.env.SIEVE_API_URL = savedUrl;
});

/** Everything a server received, as one string, to search for the key. */
function everythingReceived(server: LocalServer): string {
  return JSON.stringify(server.requests);
}

describe.each(ENTRIES)("through the %s", (_entry, create) => {
  it.each(REMOTE_HTTP)("refuses plain http to the remote host of %s", (baseUrl) => {
    const attempt = () => create({ apiKey: KEY, baseUrl });
    expect(attempt).toThrow(SieveConfigError);
    expect(attempt).toThrow(/plain http:\/\/.*allowInsecureHttp/);
    expect(String(captured(attempt))).not.toContain(KEY);
  });

  it("refuses it from SIEVE_API_URL too, and accepts nothing but `true` as the opt-in", () => {
    process.env.SIEVE_API_URL = "http://api.example.com/v2";
    expect(() => create({ apiKey: KEY })).toThrow(SieveConfigError);
    const notTrue = "yes" as unknown as boolean;
    expect(() => create({ apiKey: KEY, allowInsecureHttp: notTrue })).toThrow(SieveConfigError);
    expect(() => create({ apiKey: KEY, allowInsecureHttp: true })).not.toThrow();
  });

  it("with allowInsecureHttp: true, sends to the remote http:// URL as given", async () => {
    const urls: string[] = [];
    const fetch = async (url: string) => (urls.push(url), Response.json(job));
    const sieve = create({ apiKey: KEY, baseUrl: REMOTE_HTTP[0], allowInsecureHttp: true, fetch });

    await sieve.jobs.get(JOB_ID);

    expect(urls).toEqual([`http://api.example.com/v2/jobs/${JOB_ID}`]);
  });

  it.each(LOOPBACK_HTTP)("accepts plain http to the loopback host of %s", (baseUrl) => {
    expect(() => create({ apiKey: KEY, baseUrl })).not.toThrow();
  });

  it("a cross-origin redirect of a GET reaches the other server without any credential", async () => {
    const other = await startServer((_request, response) => sendJson(response, 200, job));
    const api = await startServer((_request, response) => {
      response.writeHead(307, { location: `${other.url}/elsewhere?from=api` });
      response.end();
    });
    const sieve = create({
      apiKey: KEY,
      baseUrl: `${api.url}/v2`,
      headers: { Authorization: BEARER, "X-Trace": "t-1" },
    });

    expect(await sieve.jobs.get(JOB_ID)).toEqual(job);

    expect(api.requests.map((request) => request.headers["x-api-key"])).toEqual([KEY]);
    expect(other.requests).toHaveLength(1);
    // No header the caller set crosses origins, custom ones included (issue 10).
    expect(other.requests[0]?.headers).not.toHaveProperty("x-trace");
    expect(other.requests[0]?.headers).not.toHaveProperty("x-api-key");
    expect(other.requests[0]?.headers).not.toHaveProperty("authorization");
    expect(everythingReceived(other)).not.toContain(KEY);
    expect(everythingReceived(other)).not.toContain(BEARER);
  });

  it("a cross-origin redirect of a push is not followed: the other server gets nothing", async () => {
    const other = await startServer((_request, response) => sendJson(response, 200, {}));
    const api = await startServer((_request, response) => {
      response.writeHead(307, { location: `${other.url}/v2/push` });
      response.end();
    });
    const sieve = create({ apiKey: KEY, baseUrl: `${api.url}/v2`, maxRetries: 2 });

    const { error } = await timed(() => sieve.jobs.push({ function: "a/b", inputs: {} }));

    expect(error).toBeInstanceOf(SieveApiError);
    expect(error).toMatchObject({ status: 307, method: "POST" });
    expect(api.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });
});

function captured(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}
