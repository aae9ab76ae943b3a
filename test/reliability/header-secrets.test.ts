/**
 * Secrets in response headers (issue 10), through both entries: a server that echoes the API
 * key or a push's `env` value in `set-cookie`, in any header value or even in a header name never
 * gets it into `error.headers`, the message, `JSON.stringify(error)` or `util.inspect(error)`
 * (what `console.error(error)` prints), whatever kind of failure the response makes.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { SieveApiError } from "../../src/index.js";
import { JOB_ID } from "../support/fixtures.js";
import { useLocalServers } from "../support/local-server.js";
import { ENTRIES, timed } from "./support.js";

const startServer = useLocalServers();
const KEY = "sk-live-HEADERS-3c9e1a7f5b24";
const ENV_SECRET = "env-HEADER-TOKEN-8a1f0c6d2e93";

/** A server that echoes every secret it received into its response headers. */
function echoingServer(status: number, body: string | Buffer) {
  return startServer((request, response) => {
    const secrets = [request.headers["x-api-key"], envSecretOf(request.body)].filter(Boolean);
    const echo = secrets.join(" ");
    response.writeHead(status, {
      "content-type": "application/json",
      "set-cookie": [`session=${echo}; Path=/`, `k=${KEY}`],
      "x-echo-key": `you sent ${echo}`,
      [`x-${KEY.toLowerCase()}`]: "named after the key",
    });
    response.end(body);
  });
}

function envSecretOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { env?: Record<string, string> }).env?.TOKEN;
  } catch {
    return undefined;
  }
}

/** Everything an error shows, as one string. */
function shown(error: unknown): string {
  return [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify((error as SieveApiError).headers),
  ].join("\n");
}

/** A limit only the "past maxResponseBytes" case reaches. */
const SMALL_LIMIT = 1024;
const CASES: [string, number, string | Buffer][] = [
  ["a 404", 404, JSON.stringify({ detail: "Job not found." })],
  ["a 500 (after retries)", 500, "oops"],
  ["a 200 that is not JSON", 200, "<html>hi</html>"],
  ["a 200 of the wrong shape", 200, "[]"],
  ["a 200 past maxResponseBytes", 200, Buffer.alloc(4 * SMALL_LIMIT, " ")],
];

describe.each(ENTRIES)("through the %s", (_entry, create) => {
  const client = (url: string, body: string | Buffer) =>
    create({
      apiKey: KEY,
      baseUrl: url,
      maxRetries: 1,
      ...(body.length > SMALL_LIMIT ? { maxResponseBytes: SMALL_LIMIT } : {}),
    });

  it.each(CASES)("%s on a read keeps the key out of headers and inspect", async (_c, s, b) => {
    const server = await echoingServer(s, b);

    const { error } = await timed(() => client(server.url, b).jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveApiError);
    const headers = (error as SieveApiError).headers;
    expect(headers["x-echo-key"]).toBe("you sent [redacted]");
    expect(headers["set-cookie"]).toContain("[redacted]");
    expect(shown(error)).not.toContain(KEY);
    expect(shown(error).toLowerCase()).not.toContain(KEY.toLowerCase());
  });

  it.each(CASES)("%s on a push keeps the key and env values out", async (_c, s, b) => {
    const server = await echoingServer(s, b);

    const { error } = await timed(() =>
      client(server.url, b).jobs.push({
        function: "demo/echo",
        inputs: {},
        env: { TOKEN: ENV_SECRET },
      }),
    );

    expect(error).toBeInstanceOf(SieveApiError);
    expect(server.requests.length).toBeGreaterThan(0);
    expect((error as SieveApiError).headers["x-echo-key"]).toBe("you sent [redacted] [redacted]");
    expect(shown(error)).not.toContain(KEY);
    expect(shown(error)).not.toContain(ENV_SECRET);
  });
});
