/**
 * The API key and push `env` values never reach an error's message, `String()`, stack or
 * `JSON.stringify`, a log line or an `onRetry` payload, even when the server echoes them back.
 */
import { describe, expect, it, vi } from "vitest";
import {
  SieveConnectionError,
  SieveServerError,
  SieveValidationError,
  type SieveClientOptions,
} from "../../../src/index.js";
import { JOB_ID } from "../../support/fixtures.js";
import { fail, fakeFetch, rejectionOf, reply, testClient } from "../../support/fake-fetch.js";
import { spyLogger, spyOnRetry } from "../../support/spies.js";
import type { Responder } from "../../support/fake-fetch.js";

const KEY = "sk-live-SECRET-1234";
const ENV_SECRET = "env-SECRET-5678";
const push = { function: "sieve/dubbing", inputs: { lang: "es" }, env: { TOKEN: ENV_SECRET } };

function expectClean(label: string, text: string | undefined): void {
  expect(text, label).toBeTypeOf("string");
  expect(text, label).not.toContain(KEY);
  expect(text, label).not.toContain(ENV_SECRET);
  expect(text, label).not.toContain("SECRET");
}

/** Runs `call` on a key-holding client with spies, and checks everything it left behind. */
async function expectNoSecretAnywhere(
  responders: Responder[],
  call: (sieve: ReturnType<typeof testClient>) => Promise<unknown>,
  options: SieveClientOptions = {},
): Promise<Error> {
  vi.spyOn(Math, "random").mockReturnValue(0);
  vi.useFakeTimers();
  try {
    const { fetch, requests } = fakeFetch(...responders);
    const { logger, lines } = spyLogger();
    const { onRetry, payloads } = spyOnRetry();
    const sieve = testClient(fetch, { apiKey: KEY, logger, onRetry, ...options });
    const outcome = rejectionOf(call(sieve));
    await vi.runAllTimersAsync();
    const error = (await outcome) as Error;

    expect(requests[0]?.headers.get("x-api-key")).toBe(KEY);
    expectClean("message", error.message);
    expectClean("String(error)", String(error));
    expectClean("stack", error.stack);
    expectClean("JSON.stringify(error)", JSON.stringify(error));
    expectClean("body", JSON.stringify((error as { body?: unknown }).body ?? null));
    expect(lines().length).toBeGreaterThan(0);
    for (const line of lines()) expectClean("log line", line);
    for (const info of payloads()) expectClean("onRetry payload", JSON.stringify(info));
    return error;
  } finally {
    vi.useRealTimers();
    vi.restoreAllMocks();
  }
}

const echo422 = {
  detail: [
    { loc: ["body", "env", "TOKEN"], msg: "bad", type: "x", input: ENV_SECRET },
    { loc: ["header", "x-api-key"], msg: "unknown key", type: "y", input: KEY },
  ],
};

describe("secrets echoed by the server", () => {
  it("a FastAPI 422 that echoes the env value and the key", async () => {
    const error = await expectNoSecretAnywhere([reply(422, echo422)], (s) => s.jobs.push(push));

    expect(error).toBeInstanceOf(SieveValidationError);
    const issues = (error as SieveValidationError).issues;
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ loc: ["body", "env", "TOKEN"], input: "[redacted]" });
    expectClean("issues", JSON.stringify(issues));
  });

  it("a 500 on push whose HTML page echoes both secrets", async () => {
    const page = `<html><body>crashed on ${KEY} with TOKEN=${ENV_SECRET}</body></html>`;
    const error = await expectNoSecretAnywhere([reply(500, page)], (s) => s.jobs.push(push));

    expect(error).toBeInstanceOf(SieveServerError);
    expect((error as SieveServerError).detail).toBe("crashed on [redacted] with TOKEN=[redacted]");
  });

  it("a 500 on push whose JSON detail echoes the request", async () => {
    const detail = `could not run ${JSON.stringify(push)} for key ${KEY}`;
    await expectNoSecretAnywhere([reply(500, { detail })], (s) => s.jobs.push(push));
  });

  it("429s on push, retried, that echo the env value in a key of the body", async () => {
    const body = { detail: "slow", [ENV_SECRET]: KEY };
    const error = await expectNoSecretAnywhere([reply(429, body)], (s) => s.jobs.push(push));
    expect(error).toHaveProperty("body", { detail: "slow", "[redacted]": "[redacted]" });
  });

  it("500s on GET, retried, whose bodies echo the key", async () => {
    const error = await expectNoSecretAnywhere([reply(500, { detail: `bad key ${KEY}` })], (s) =>
      s.jobs.get(JOB_ID),
    );
    expect((error as SieveServerError).detail).toBe("bad key [redacted]");
  });

  it("connection resets on GET, retried", async () => {
    const error = await expectNoSecretAnywhere([fail("ECONNRESET")], (s) => s.jobs.list());
    expect(error).toBeInstanceOf(SieveConnectionError);
  });

  it("a refused push, retried, then a 503", async () => {
    await expectNoSecretAnywhere([fail("ECONNREFUSED"), reply(503, `down ${ENV_SECRET}`)], (s) =>
      s.jobs.push(push),
    );
  });
});
