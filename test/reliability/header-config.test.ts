/**
 * Headers and limits checked at creation (issue 10), for both entries: a header name or value
 * that cannot be sent, or a header the transport manages, is a `SieveConfigError` from
 * `createSieveClient` naming the header (never quoting the key), with nothing sent; and
 * `maxResponseBytes` takes only a positive integer.
 */
import { describe, expect, it } from "vitest";
import { SieveConfigError } from "../../src/index.js";
import { JOB_ID, job } from "../support/fixtures.js";
import { sendJson, useLocalServers } from "../support/local-server.js";
import { ENTRIES } from "./support.js";

const startServer = useLocalServers();
const KEY = "sk-live-HEADERCFG-6f2a9d1c7e30";

const BAD_NAMES = ["bad header", "a\r\nb", "X-Ok:", "", "x-ünïcode", "x-tab\t", "(paren)"];
const BAD_VALUES = ["a\r\nb", "line\nbreak", "nul\0", "bell\u0007", "del\u007f", "café", "日本"];
const MANAGED = ["Host", "content-length", "Transfer-Encoding", "Connection", "Expect"];

/** The SieveConfigError `create` throws, or fails the test. */
function configError(attempt: () => unknown): SieveConfigError {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(SieveConfigError);
    return error as SieveConfigError;
  }
  throw new Error("createSieveClient did not throw");
}

describe.each(ENTRIES)("through the %s", (_entry, create) => {
  const base = { apiKey: KEY, baseUrl: "http://127.0.0.1:9/v2" };

  it.each(BAD_NAMES)("rejects the header name %j, naming it", (name) => {
    const error = configError(() => create({ ...base, headers: { [name]: "v" } }));
    expect(error.message).toContain(`headers[${JSON.stringify(name)}]`);
    expect(error.message).toContain("name");
    expect(error.message).not.toContain(KEY);
  });

  it.each(BAD_VALUES)("rejects the header value %j, naming the header", (value) => {
    const error = configError(() => create({ ...base, headers: { "X-Source": value } }));
    expect(error.message).toContain('headers["X-Source"]');
    expect(error.message).not.toContain(value);
  });

  it.each(MANAGED)("rejects %s, which the transport manages", (name) => {
    const error = configError(() => create({ ...base, headers: { [name]: "1" } }));
    expect(error.message).toContain(`headers["${name}"]`);
  });

  it.each(["sk\u0001live-key", "sk-live-ключ-1234", "sk-live\u007f1234"])(
    "rejects an apiKey that cannot be sent, without quoting it",
    (apiKey) => {
      const error = configError(() => create({ ...base, apiKey }));
      expect(error.message).toContain("apiKey");
      expect(error.message).not.toContain(apiKey);
    },
  );

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1024", 2 ** 60])(
    "rejects maxResponseBytes %j",
    (maxResponseBytes) => {
      const error = configError(() =>
        create({ ...base, maxResponseBytes: maxResponseBytes as number }),
      );
      expect(error.message).toContain("maxResponseBytes must be a positive integer");
    },
  );

  it("sends valid custom headers, tabs and spaces included, and accepts a limit", async () => {
    const server = await startServer((_request, response) => sendJson(response, 200, job));
    const sieve = create({
      apiKey: KEY,
      baseUrl: server.url,
      maxResponseBytes: 4096,
      headers: { "X-Request-Source": "billing service\tv2", "x-b!#$%&'*+.^_`|~": "ok" },
    });

    await expect(sieve.jobs.get(JOB_ID)).resolves.toEqual(job);

    expect(server.requests[0]?.headers["x-request-source"]).toBe("billing service\tv2");
    expect(server.requests[0]?.headers["x-b!#$%&'*+.^_`|~"]).toBe("ok");
  });
});
