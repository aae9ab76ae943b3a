/**
 * Secret hygiene (issue 5, item 4): one test runs the whole error and retry matrix against the
 * emulator (every status class on reads and on pushes, with bodies that echo the secrets back as
 * FastAPI's 422 `input` does, HTML pages, broken JSON, timeouts, dropped and refused connections,
 * a wrong key) with a recognisable API key and push `env` values, a spy logger and `onRetry`.
 * It collects every error's message, stack, `String()`, `JSON.stringify` and `util.inspect` (what
 * `console.error(error)` prints), every log line and every `onRetry` payload: no secret may
 * appear in any of them.
 */
import { inspect } from "node:util";
import { expect, it } from "vitest";
import type { Emulator, FaultSpec } from "../../src/emulator/index.js";
import type { SieveClient, SieveClientOptions } from "../../src/index.js";
import { createSieveClient } from "../../src/node.js";
import { freePort } from "../support/free-port.js";
import { spyLogger, spyOnRetry } from "../support/spies.js";
import { STATUS_CLASSES } from "../support/status-classes.js";
import { useReliabilityEmulators } from "./support.js";

const emulators = useReliabilityEmulators();
const KEY = "sk-live-HYGIENE-7f3a9c2e41d8";
const WRONG_KEY = "sk-live-WRONGKEY-5be0a1d7c3f2";
const ENV = { OPENAI_API_KEY: "env-OPENAI-0b9d3c7a55e1", HF_TOKEN: "env-HF-TOKEN-e4f2a8b61c09" };
const SECRETS = [KEY, WRONG_KEY, ...Object.values(ENV)];
const push = { function: "demo/echo", inputs: { text: "hi" }, env: ENV };

// A server echoes what the request carried: a read only the key, a push the key and its env.
const keyEcho = JSON.stringify({ detail: `rejected x-api-key ${KEY}` });
const keyEcho422 = JSON.stringify({
  detail: [{ loc: ["header", "x-api-key"], msg: "unknown key", type: "value_error", input: KEY }],
});
const pushEcho = JSON.stringify({ detail: `rejected ${KEY} with ${JSON.stringify(ENV)}` });
const pushEcho422 = JSON.stringify({
  detail: [
    { loc: ["body", "env", "HF_TOKEN"], msg: "invalid", type: "value_error", input: ENV.HF_TOKEN },
    { loc: ["header", "x-api-key"], msg: "unknown key", type: "value_error", input: KEY },
    { loc: ["body"], msg: "bad request", type: "model_error", input: push },
  ],
});
const keyEchoHtml = `<html><body><h1>Proxy error</h1><pre>x-api-key: ${KEY}</pre></body></html>`;
const pushEchoHtml = `<html><body><pre>x-api-key: ${KEY}\nHF_TOKEN=${ENV.HF_TOKEN}</pre></body></html>`;

const RETRIED_GET = new Set<number>([408, 429, 500, 502, 503, 504]);

/** One row of the matrix: the faults to queue, then the call that must fail. */
type Row = [label: string, faults: FaultSpec[], call: (sieve: SieveClient) => Promise<unknown>];

function rows(jobId: string): Row[] {
  const get = (sieve: SieveClient) => sieve.jobs.get(jobId, {}, { maxRetries: 1 });
  const pushed = (sieve: SieveClient) => sieve.jobs.push(push);
  const onPush = { matching: { path: "/push" } };
  const statusRows = STATUS_CLASSES.flatMap(([status]): Row[] => {
    // Exactly the attempts each call makes: 2 for a retried GET (maxRetries 1), 3 for a retried push.
    const gets = {
      status,
      body: status === 422 ? keyEcho422 : keyEcho,
      retryAfter: 0,
      times: RETRIED_GET.has(status) ? 2 : 1,
    };
    const pushes = {
      status,
      body: status === 422 ? pushEcho422 : pushEcho,
      retryAfter: 0,
      times: status === 429 ? 3 : 1,
      ...onPush,
    };
    return [
      [`GET ${status}`, [gets], get],
      [`push ${status}`, [pushes], pushed],
      [`run ${status}`, [pushes], (s) => s.jobs.run(push, { intervalMs: 10 })],
    ];
  });
  return [
    ...statusRows,
    ["GET HTML 502", [{ status: 502, body: keyEchoHtml, contentType: "text/html", times: 2 }], get],
    [
      "push HTML 500",
      [{ status: 500, body: pushEchoHtml, contentType: "text/html", ...onPush }],
      pushed,
    ],
    ["push 429 beyond maxRetryDelayMs", [{ status: 429, retryAfter: 999, body: pushEcho }], pushed],
    ["GET 200 broken JSON", [{ status: 200, body: `{"key": "${KEY}", ` }], get],
    ["push 200 broken JSON", [{ status: 200, body: `{"env": "${ENV.HF_TOKEN}` }], pushed],
    [
      "GET timeouts",
      [{ latencyMs: 600, times: 2 }],
      (s) => s.jobs.get(jobId, {}, { timeoutMs: 100, maxRetries: 1 }),
    ],
    ["push timeout", [{ latencyMs: 600 }], (s) => s.jobs.push(push, { timeoutMs: 100 })],
    ["GET drop before response", [{ drop: "before-response", times: 2 }], get],
    ["GET drop mid-response", [{ drop: "mid-response", times: 2 }], get],
    ["push drop before response", [{ drop: "before-response" }], pushed],
    ["push drop mid-response", [{ drop: "mid-response" }], pushed],
    [
      "outputs 503s then 404",
      [{ status: 503 }, { status: 404, body: keyEcho }],
      (s) => drain(s, jobId),
    ],
  ];
}

async function drain(sieve: SieveClient, jobId: string): Promise<void> {
  for await (const output of sieve.jobs.outputs(jobId, { intervalMs: 10 })) void output;
}

/** Everything an error shows of itself, in every form a caller might print or send on. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [e.message, String(e.stack), String(e), JSON.stringify(e), inspect(e, { depth: 10 })];
}

it("no secret reaches an error, a log line or an onRetry payload, across the whole matrix", async () => {
  const { logger, lines } = spyLogger();
  const { onRetry, payloads } = spyOnRetry();
  const emulator: Emulator = await emulators.start({ apiKey: KEY });
  const options: SieveClientOptions = { apiKey: KEY, baseUrl: emulator.url, maxRetries: 2 };
  const sieve = createSieveClient({ ...options, logger, onRetry, maxRetryDelayMs: 5_000 });
  const { id } = await sieve.jobs.push(push);
  const errors: unknown[] = [];
  const failWith = async (call: () => Promise<unknown>, label: string) => {
    const error = await call().then(
      () => new Error(`${label}: expected a failure`),
      (e: unknown) => e,
    );
    expect(error, label).toBeInstanceOf(Error);
    expect((error as Error).message, label).not.toContain("expected a failure");
    errors.push(error);
  };

  for (const [label, faults, call] of rows(id)) {
    for (const fault of faults) emulator.faults.next(fault);
    await failWith(() => call(sieve), label);
    expect(emulator.faults.pending, `${label}: every fault was hit`).toBe(0);
  }
  const wrongKey = createSieveClient({ ...options, apiKey: WRONG_KEY, logger, onRetry });
  await failWith(() => wrongKey.jobs.push(push), "a wrong key");
  const refused = {
    ...options,
    baseUrl: `http://127.0.0.1:${await freePort()}/v2`,
    logger,
    onRetry,
  };
  await failWith(
    () => createSieveClient(refused).jobs.push(push, { maxRetries: 1 }),
    "refused push",
  );
  await failWith(() => createSieveClient(refused).jobs.list({}, { maxRetries: 1 }), "refused GET");

  // The secrets really were in play: sent by the client, and echoed back by the server.
  const sentKeys = emulator.requests.map((request) => request.headers["x-api-key"]);
  expect(sentKeys.filter((key) => key !== KEY)).toEqual([WRONG_KEY]);
  expect(emulator.jobs.get(id)?.env).toEqual(ENV);
  const texts = [
    ...errors.flatMap(renderings),
    ...lines(),
    ...payloads().map((payload) => JSON.stringify(payload)),
  ];
  expect(errors.length).toBe(rows(id).length + 3);
  // Retries: 5 retried GET statuses, 2 + 2 for the 429 push and run, the HTML 502, the timeout,
  // the 2 drops on GET, the 2 refused connections, and the 503 the outputs loop polled through
  // (reported through ctx.reportRetry like any retry).
  expect(lines("warn")).toHaveLength(16);
  expect(payloads().length).toBe(lines("warn").length);
  for (const text of texts) {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  }
});
