/**
 * The `Host` check against DNS rebinding: the emulator answers loopback names only (and
 * `allowedHosts`); any other `Host` gets 403 with the reason, and nothing happens.
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { useEmulators } from "./helpers.js";
import { rawRequest } from "./raw-request.js";
import { SieveConfigError } from "../../src/index.js";

const emulators = useEmulators();
const functions = { "demo/echo": { handler: (inputs: Record<string, unknown>) => inputs.text } };
const PUSH = JSON.stringify({ function: "demo/echo", inputs: { text: "hi" } });

function withHost(emu: Emulator, host: string, method = "GET", path = "/v2/jobs") {
  const headers = { host, "x-api-key": emu.apiKey, "content-type": "application/json" };
  return rawRequest(emu.port, method, path, {
    headers,
    body: method === "POST" ? PUSH : undefined,
  });
}

describe("Host check", () => {
  it("refuses a push for another host with 403 and the reason: no job, no fault used", async () => {
    const emu = await emulators.start({ functions });
    emu.faults.next({ status: 503 });
    const refused = await withHost(emu, `evil.example:${emu.port}`, "POST", "/v2/push");

    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      detail:
        `Host "evil.example:${emu.port}" is not allowed: the emulator answers only loopback ` +
        "hosts (127.0.0.1, localhost, [::1]) and its allowedHosts, so that no web page can " +
        'reach it through DNS rebinding. To answer it, start the emulator with allowedHosts: ["evil.example"] (CLI: --allow-host evil.example).',
    });
    expect(emu.jobs.size).toBe(0);
    expect(emu.faults.pending).toBe(1);
    expect(emu.requests.count({ method: "POST", path: "/push" })).toBe(1);
    for (const host of ["evil.example", "127.0.0.1.evil.example", "0.0.0.0", "::1", "[::2]:80"]) {
      expect((await withHost(emu, host)).status, host).toBe(403);
    }
  });

  it("answers loopback names in any case, with or without a port", async () => {
    const emu = await emulators.start({ functions });
    const hosts = [
      `127.0.0.1:${emu.port}`,
      "127.0.0.1",
      `localhost:${emu.port}`,
      "LocalHost",
      `[::1]:${emu.port}`,
      "[::1]",
      `app.localhost:${emu.port}`,
      "localhost:8080",
    ];
    for (const host of hosts) expect((await withHost(emu, host)).status, host).toBe(200);
    expect((await withHost(emu, `localhost:${emu.port}`, "POST", "/v2/push")).status).toBe(200);
    expect(emu.jobs.size).toBe(1);
  });

  it("answers allowedHosts too: a name, or .name for it and its subdomains", async () => {
    const emu = await emulators.start({ functions, allowedHosts: ["sieve.test", ".Corp.example"] });
    for (const host of ["sieve.test:8787", "SIEVE.test", "corp.example", "a.b.corp.example:1"]) {
      expect((await withHost(emu, host)).status, host).toBe(200);
    }
    for (const host of ["a.sieve.test", "notcorp.example", "evil.example", "sieve.test.evil"]) {
      expect((await withHost(emu, host)).status, host).toBe(403);
    }
    expect((await withHost(emu, "localhost")).status).toBe(200);
  });

  it("answers any Host with allowedHosts: true", async () => {
    const emu = await emulators.start({ functions, allowedHosts: true });
    expect((await withHost(emu, "evil.example", "POST", "/v2/push")).status).toBe(200);
    expect(emu.jobs.size).toBe(1);
  });

  it("sends CORS headers with the 403, so that a page of an accepted origin sees why", async () => {
    const emu = await emulators.start({ functions, cors: true });
    const origin = "http://app.example";
    const refused = await rawRequest(emu.port, "GET", "/v2/jobs", {
      headers: { host: "app.example:8787", origin, "x-api-key": emu.apiKey },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers["access-control-allow-origin"]).toBe(origin);
    const preflight = await rawRequest(emu.port, "OPTIONS", "/v2/jobs", {
      headers: { host: "app.example", origin, "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-methods"]).toBeUndefined();
  });

  it("refuses allowedHosts that are not host names", async () => {
    await expect(startEmulator({ allowedHosts: ["sieve.test:8080"] })).rejects.toThrow(
      /allowedHosts\[0\] must be a host name without scheme or port .*"sieve.test:8080"/,
    );
    await expect(startEmulator({ allowedHosts: ["ok.test", "http://x.test"] })).rejects.toThrow(
      /allowedHosts\[1\]/,
    );
    await expect(startEmulator({ allowedHosts: [""] })).rejects.toThrow(SieveConfigError);
    await expect(startEmulator({ allowedHosts: "x.test" as unknown as string[] })).rejects.toThrow(
      /allowedHosts must be true or a list of host names, got string/,
    );
    await expect(startEmulator({ allowedHosts: false as unknown as true })).rejects.toThrow(
      SieveConfigError,
    );
  });
});
