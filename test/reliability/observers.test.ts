/**
 * `logger` and `onRetry` are observers (issue 10): whatever they throw, and any promise they
 * return that rejects, is swallowed and never changes how a call ends. Through both entries
 * against a real server that fails once, then answers; and `createRetryReporter` and
 * `ctx.reportRetry` (which the job loops use) alone.
 */
import { describe, expect, it, vi } from "vitest";
import { createContext } from "../../src/core/request/context.js";
import type { Transport } from "../../src/core/http/transport.js";
import { createRetryReporter } from "../../src/core/http/retry-reporter.js";
import type { Logger, RetryInfo } from "../../src/index.js";
import { JOB_ID, job } from "../support/fixtures.js";
import { sendJson, useLocalServers } from "../support/local-server.js";
import { ENTRIES, sleep } from "./support.js";

const startServer = useLocalServers();
const INFO: RetryInfo = {
  attempt: 1,
  delayMs: 10,
  method: "GET",
  url: "http://x/v2/jobs",
  status: 503,
};

const thrower = () => {
  throw new Error("observer broke");
};
const rejecter = async () => {
  throw new Error("async observer broke");
};

const BROKEN: [string, { logger?: Logger; onRetry?: (info: RetryInfo) => void }][] = [
  ["an onRetry that throws", { onRetry: thrower }],
  ["an async onRetry that rejects", { onRetry: rejecter }],
  ["a logger.warn that throws", { logger: { warn: thrower } }],
  ["a logger.debug that throws", { logger: { debug: thrower } }],
  ["an async logger that rejects", { logger: { debug: rejecter, warn: rejecter } }],
];

describe.each(ENTRIES)("through the %s", (_entry, create) => {
  it.each(BROKEN)("%s changes nothing: the retried call succeeds", async (_what, observers) => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const server = await startServer((_request, response, n) =>
        n === 0 ? sendJson(response, 503, { detail: "busy" }) : sendJson(response, 200, job),
      );
      const sieve = create({ apiKey: "k-observers", baseUrl: server.url, ...observers });

      await expect(sieve.jobs.get(JOB_ID)).resolves.toEqual(job);
      await sleep(20);

      expect(server.requests).toHaveLength(2);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("a failing call still fails with its own error, not the observer's", async () => {
    const server = await startServer((_request, response) => sendJson(response, 503, {}));
    const sieve = create({ apiKey: "k-observers", baseUrl: server.url, onRetry: thrower });

    await expect(sieve.jobs.get(JOB_ID)).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);
  });
});

describe("createRetryReporter", () => {
  it("tells logger.warn and onRetry about a retry, and logger.debug about a request", () => {
    const onRetry = vi.fn();
    const logger = { warn: vi.fn(), debug: vi.fn() };
    const report = createRetryReporter({ logger, onRetry });

    report.retry(INFO);
    report.debug("sieve-client: GET x");

    expect(onRetry).toHaveBeenCalledWith(INFO);
    expect(logger.warn).toHaveBeenCalledWith(
      "sieve-client: retrying GET http://x/v2/jobs in 10 ms (retry 1): 503",
    );
    expect(logger.debug).toHaveBeenCalledWith("sieve-client: GET x");
  });

  it("swallows throws and rejections, and still calls onRetry after a logger that threw", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const onRetry = vi.fn(rejecter);
      const report = createRetryReporter({ logger: { warn: thrower, debug: rejecter }, onRetry });

      expect(() => report.retry(INFO)).not.toThrow();
      expect(() => report.debug("x")).not.toThrow();
      await sleep(10);

      expect(onRetry).toHaveBeenCalledOnce();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("works with neither observer", () => {
    expect(() => createRetryReporter({}).retry(INFO)).not.toThrow();
  });
});

describe("ctx.reportRetry", () => {
  it("reports through the client's observers and never throws", () => {
    const onRetry = vi.fn(thrower);
    const transport: Transport = () => Promise.reject(new Error("unused"));
    const ctx = createContext(transport, {
      apiKey: "k-observers",
      maxRetryDelayMs: 60_000,
      maxLongPolls: 4,
      baseUrl: "http://127.0.0.1:1/v2",
      timeoutMs: 1_000,
      headers: {},
      onRetry,
      logger: { warn: thrower },
    });

    expect(() => ctx.reportRetry(INFO)).not.toThrow();
    expect(onRetry).toHaveBeenCalledWith(INFO);
  });
});
