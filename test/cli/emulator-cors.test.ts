/**
 * `sieve-client emulator --cors` answers preflights and lets pages read its answers;
 * `--allow-host` adds a Host name it answers; other Host names get 403.
 */
import { describe, expect, it } from "vitest";
import { preflightHeaders, rawRequest } from "../emulator/raw-request.js";
import { expectOneErrorLine, runCliProcess, spawnCli } from "./helpers.js";

const PAGE = "http://localhost:5173";

/** Starts `sieve-client emulator ...args` and reads the port and key it prints. */
async function startCli(args: readonly string[]) {
  const emulator = spawnCli(["emulator", ...args]);
  const printed = await emulator.waitFor("stdout", /^SIEVE_API_KEY=.+$/m);
  const url = /^SIEVE_API_URL=(.+)$/m.exec(printed)?.[1] ?? "?";
  const apiKey = /^SIEVE_API_KEY=(.+)$/m.exec(printed)?.[1] ?? "?";
  return { emulator, port: Number(new URL(url).port), apiKey };
}

describe.concurrent("sieve-client emulator --cors / --allow-host", { timeout: 30_000 }, () => {
  it("--cors answers a preflight and exposes the headers of every answer", async () => {
    const { emulator, port, apiKey } = await startCli(["--cors"]);
    await emulator.waitFor("stderr", /Ctrl-C stops it/);
    expect(emulator.stderr()).toContain("CORS is on: web pages of any origin may call it.");

    const preflight = await rawRequest(port, "OPTIONS", "/v2/push", {
      headers: preflightHeaders(PAGE, "POST"),
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(PAGE);
    expect(preflight.headers["access-control-allow-headers"]).toMatch(/X-API-Key/);
    const jobs = await rawRequest(port, "GET", "/v2/jobs", {
      headers: { origin: PAGE, "x-api-key": apiKey },
    });
    expect(jobs.status).toBe(200);
    expect(jobs.headers["access-control-allow-origin"]).toBe(PAGE);
    expect(jobs.headers["access-control-expose-headers"]).toMatch(/Retry-After/);
    const rebound = await rawRequest(port, "GET", "/v2/jobs", {
      headers: { host: `evil.example:${port}`, "x-api-key": apiKey },
    });
    expect(rebound.status).toBe(403);

    emulator.child.kill("SIGINT");
    expect((await emulator.exited).code).toBe(0);
  });

  it("without --cors, a preflight gets 405 and no CORS headers", async () => {
    const { emulator, port } = await startCli([]);
    const preflight = await rawRequest(port, "OPTIONS", "/v2/push", {
      headers: preflightHeaders(PAGE, "POST"),
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    emulator.child.kill("SIGTERM");
    expect((await emulator.exited).code).toBe(0);
  });

  it("--allow-host (repeatable) adds Host names; a bad one exits 2", async () => {
    const { emulator, port, apiKey } = await startCli([
      "--allow-host",
      "sieve.test",
      "--allow-host=.corp.example",
    ]);
    const status = async (host: string) =>
      (await rawRequest(port, "GET", "/v2/jobs", { headers: { host, "x-api-key": apiKey } }))
        .status;
    expect(await status("sieve.test:8787")).toBe(200);
    expect(await status("api.corp.example")).toBe(200);
    expect(await status("evil.example")).toBe(403);
    emulator.child.kill("SIGTERM");
    expect((await emulator.exited).code).toBe(0);

    const bad = await runCliProcess(["emulator", "--allow-host", "sieve.test:8080"]);
    expect(bad.code).toBe(2);
    expectOneErrorLine(bad.stderr, /--allow-host: must be a host name without scheme or port/);
    const elsewhere = await runCliProcess(["list", "--cors"]);
    expect(elsewhere.code).toBe(2);
    expectOneErrorLine(elsewhere.stderr, /list does not take --cors/);
  });
});
