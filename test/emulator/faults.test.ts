import { describe, expect, it } from "vitest";
import { SieveConnectionError, SieveServerError } from "../../src/index.js";
import { api, clientFor, untilStatus, useEmulators } from "./helpers.js";
import { SieveConfigError } from "../../src/index.js";

const emulators = useEmulators();
const functions = { "demo/echo": { handler: () => "ok", delayMs: 5 } };
const PUSH = { method: "POST", path: "/push" } as const;

describe("faults.next({ status })", () => {
  it("answers the status for the next `times` matching requests, then the real answer", async () => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ status: 503, times: 2 });
    expect(emu.faults.pending).toBe(2);
    const first = await api(emu, "GET", "/jobs");
    expect(first).toMatchObject({ status: 503, body: { detail: "Service Unavailable" } });
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(emu.faults.pending).toBe(1);
    expect((await api(emu, "GET", "/jobs")).status).toBe(503);
    expect((await api(emu, "GET", "/jobs")).status).toBe(200);
    expect(emu.requests.count({ method: "GET", path: "/jobs" })).toBe(3);
  });

  it("sends Retry-After, which the client honours when it retries", async () => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ status: 429, retryAfter: 0, times: 2 });
    const raw = await api(emu, "GET", "/jobs");
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("0");
    const page = await clientFor(emu, 2).jobs.list();
    expect(page.data).toEqual([]);
    expect(emu.requests.count({ path: "/jobs" })).toBe(3);
  });

  it("sends a custom body with its content type, e.g. a proxy's HTML page", async () => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ status: 502, body: "<h1>Bad Gateway</h1>", contentType: "text/html" });
    const response = await fetch(`${emu.url}/jobs`, { headers: { "x-api-key": emu.apiKey } });
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toBe("<h1>Bad Gateway</h1>");
  });

  it("hits only matching requests, by method and by string or RegExp path", async () => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ status: 500, matching: PUSH });
    emu.faults.next({ status: 504, matching: { method: "get", path: /^\/jobs\/[^/]+$/ } });
    expect((await api(emu, "GET", "/jobs")).status).toBe(200);
    expect((await api(emu, "GET", "/jobs/abc")).status).toBe(504);
    expect((await api(emu, "GET", "/jobs/abc")).status).toBe(404);
    const push = await api(emu, "POST", "/push", { body: { function: "demo/echo", inputs: {} } });
    expect(push.status).toBe(500);
    expect(emu.faults.pending).toBe(0);
  });

  it("creates no job for a push answered by a fault, and the client does not resend it", async () => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ status: 503, matching: PUSH });
    const push = clientFor(emu, 3).jobs.push({ function: "demo/echo", inputs: {} });
    await expect(push).rejects.toBeInstanceOf(SieveServerError);
    expect(emu.requests.count(PUSH)).toBe(1);
    expect(emu.jobs.size).toBe(0);
  });

  it("clear() drops queued faults; bad faults are refused", async () => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ status: 500, times: 3 });
    emu.faults.clear();
    expect(emu.faults.pending).toBe(0);
    expect((await api(emu, "GET", "/jobs")).status).toBe(200);
    expect(() => emu.faults.next({})).toThrow(SieveConfigError);
    expect(() => emu.faults.next({ status: 503, times: 0 })).toThrow(SieveConfigError);
    expect(() => emu.faults.next({ status: 42 })).toThrow(SieveConfigError);
  });
});

describe("faults.next({ drop })", () => {
  // A dropped push fails in the client without a resend; "before-response" never reached the
  // handler (no job), "mid-response" did (the job exists and runs).
  it.each([
    ["before-response", 0],
    ["mid-response", 1],
  ] as const)("%s on a push: one request, %i job(s)", async (drop, jobs) => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ drop, matching: PUSH });
    const push = clientFor(emu, 3).jobs.push({ function: "demo/echo", inputs: {} });
    await expect(push).rejects.toBeInstanceOf(SieveConnectionError);
    expect(emu.requests.count(PUSH)).toBe(1);
    expect(emu.jobs.size).toBe(jobs);
    for (const job of emu.jobs.list()) {
      expect((await untilStatus(emu, job.id)).status).toBe("finished");
    }
    expect((await api(emu, "GET", "/jobs")).status).toBe(200);
  });

  it("mid-response: sends the status and part of the body, so a GET is retried", async () => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ drop: "mid-response", matching: { path: "/jobs" } });
    const response = await fetch(`${emu.url}/jobs`, { headers: { "x-api-key": emu.apiKey } });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    emu.faults.next({ drop: "mid-response", matching: { path: "/jobs" } });
    expect((await clientFor(emu, 1).jobs.list()).data).toEqual([]);
    expect(emu.requests.count({ path: "/jobs" })).toBe(3);
  });
});

describe("faults.next({ latencyMs })", () => {
  it("delays the real answer, or a fault status", async () => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ latencyMs: 40 });
    let started = Date.now();
    expect((await api(emu, "GET", "/jobs")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    started = Date.now();
    expect((await api(emu, "GET", "/jobs")).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(35);
    emu.faults.next({ latencyMs: 40, status: 503 });
    started = Date.now();
    expect((await api(emu, "GET", "/jobs")).status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });
});

describe("requests", () => {
  it("records method, path, query, time, headers and the push body; counts and clears", async () => {
    const emu = await emulators.start({ functions });
    const before = Date.now();
    await api(emu, "GET", "/jobs?limit=2&status=queued");
    await api(emu, "POST", "/push", { body: { function: "demo/echo", inputs: {} } });
    await api(emu, "GET", "/nowhere", { key: null });
    expect(emu.requests.length).toBe(3);
    expect(emu.requests.at(0)).toMatchObject({
      method: "GET",
      path: "/jobs",
      query: { limit: "2", status: "queued" },
      headers: { "x-api-key": emu.apiKey },
    });
    expect(emu.requests.at(0)?.time).toBeGreaterThanOrEqual(before);
    expect(JSON.parse(emu.requests.at(1)?.body ?? "")).toEqual({
      function: "demo/echo",
      inputs: {},
    });
    expect([...emu.requests].map((r) => r.path)).toEqual(["/jobs", "/push", "/nowhere"]);
    expect(emu.requests.count()).toBe(3);
    expect(emu.requests.count({ method: "GET" })).toBe(2);
    expect(emu.requests.matching({ path: /^\/(push|jobs)$/ })).toHaveLength(2);
    expect(emu.requests[2]?.path).toBe("/nowhere");
    expect(emu.requests.map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
    emu.requests.clear();
    expect(emu.requests.length).toBe(0);
  });

  it("keeps at most requestLogLimit requests, dropping the oldest", async () => {
    const emu = await emulators.start({ functions, requestLogLimit: 10 });
    for (let i = 0; i < 12; i++) await api(emu, "GET", `/jobs?offset=${i}`);
    expect(emu.requests.length).toBeLessThanOrEqual(10);
    expect(emu.requests.at(-1)?.query).toEqual({ offset: "11" });
  });
});
