/**
 * `cors`: a web page of an accepted origin gets its preflights answered and can read every
 * answer (errors and injected faults included, `Retry-After` too); other origins, and every
 * origin when `cors` is off, get no CORS headers.
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { useEmulators } from "./helpers.js";
import { preflightHeaders, rawRequest, type RawResponse } from "./raw-request.js";
import { SieveConfigError } from "../../src/index.js";

const emulators = useEmulators();
const PAGE = "http://app.example:5173";
const functions = { "demo/echo": { handler: (inputs: Record<string, unknown>) => inputs.text } };

/** A request as a page of `origin` sends it, with the emulator's key unless told otherwise. */
function fromPage(
  emu: Emulator,
  method: string,
  path: string,
  { origin = PAGE, key = emu.apiKey as string | null, body = undefined as string | undefined } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { origin, "content-type": "application/json" };
  if (key !== null) headers["x-api-key"] = key;
  return rawRequest(emu.port, method, path, { headers, body });
}

function expectReadable(response: RawResponse, origin = PAGE): void {
  expect(response.headers["access-control-allow-origin"]).toBe(origin);
  expect(response.headers.vary).toMatch(/\bOrigin\b/);
  const exposed = String(response.headers["access-control-expose-headers"]).split(/,\s*/);
  expect(exposed).toEqual(expect.arrayContaining(["Retry-After", "Retry-After-Ms"]));
}

function expectNoCors(response: RawResponse): void {
  const names = Object.keys(response.headers).filter((name) => name.startsWith("access-control"));
  expect(names).toEqual([]);
}

describe("cors: true", () => {
  it("answers a preflight with 204 and what the client sends, without using up a fault", async () => {
    const emu = await emulators.start({ functions, cors: true });
    emu.faults.next({ status: 500 });
    const headers = preflightHeaders(PAGE, "POST", "content-type, x-api-key, x-request-source");
    const response = await rawRequest(emu.port, "OPTIONS", "/v2/push", { headers });

    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(response.headers["content-length"]).toBeUndefined();
    expect(response.headers["access-control-allow-origin"]).toBe(PAGE);
    expect(response.headers["access-control-allow-methods"]).toBe("GET, POST, DELETE, OPTIONS");
    expect(response.headers["access-control-allow-headers"]).toBe(
      "Content-Type, X-API-Key, User-Agent, x-request-source",
    );
    expect(response.headers["access-control-max-age"]).toBe("600");
    expect(response.headers.vary).toMatch(/Origin/);
    expect(response.headers["access-control-allow-private-network"]).toBeUndefined();
    expect(emu.faults.pending).toBe(1);
    expect(emu.jobs.size).toBe(0);
    expect(emu.requests.count({ method: "OPTIONS", path: "/push" })).toBe(1);
  });

  it("allows a private-network preflight and a `file:` page (Origin: null)", async () => {
    const emu = await emulators.start({ functions, cors: true });
    const headers = {
      ...preflightHeaders("null", "GET"),
      "access-control-request-private-network": "true",
    };
    const response = await rawRequest(emu.port, "OPTIONS", "/v2/jobs", { headers });
    expect(response.status).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBe("null");
    expect(response.headers["access-control-allow-private-network"]).toBe("true");
  });

  it("lets the page read every answer: 200, 401, 404, 405, 422 and injected 429 and 500", async () => {
    const emu = await emulators.start({ functions, cors: true });
    const ok = await fromPage(emu, "POST", "/v2/push", {
      body: JSON.stringify({ function: "demo/echo", inputs: { text: "hi" } }),
    });
    expect(ok.status).toBe(200);
    expectReadable(ok);
    const answers = [
      await fromPage(emu, "GET", "/v2/jobs", { key: null }),
      await fromPage(emu, "GET", "/v2/nope"),
      await fromPage(emu, "GET", "/elsewhere"),
      await fromPage(emu, "PUT", "/v2/jobs"),
      await fromPage(emu, "POST", "/v2/push", { body: "{" }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 404, 404, 405, 422]);
    for (const answer of answers) expectReadable(answer);
    expect(String(answers[3]?.headers["access-control-expose-headers"])).toMatch(/\bAllow\b/);

    emu.faults.next({ status: 429, retryAfter: 2 });
    const limited = await fromPage(emu, "GET", "/v2/jobs");
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("2");
    expectReadable(limited);
    emu.faults.next({ status: 500, body: "<h1>oops</h1>", contentType: "text/html" });
    const broken = await fromPage(emu, "GET", "/v2/jobs");
    expect(broken.status).toBe(500);
    expectReadable(broken);
  });

  it("sends no Access-Control-Allow-Origin to a request without Origin", async () => {
    const emu = await emulators.start({ functions, cors: true });
    const response = await rawRequest(emu.port, "GET", "/v2/jobs", {
      headers: { "x-api-key": emu.apiKey },
    });
    expect(response.status).toBe(200);
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    expect(response.headers.vary).toBe("Origin");
  });
});

describe("cors: a list of origins", () => {
  it("answers those origins only", async () => {
    const emu = await emulators.start({
      functions,
      cors: ["http://localhost:5173/", "https://APP.example"],
    });
    for (const origin of ["http://localhost:5173", "https://app.example"]) {
      const preflight = await rawRequest(emu.port, "OPTIONS", "/v2/jobs", {
        headers: preflightHeaders(origin, "GET"),
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers["access-control-allow-origin"]).toBe(origin);
      expectReadable(await fromPage(emu, "GET", "/v2/jobs", { origin }), origin);
    }

    const refused = await rawRequest(emu.port, "OPTIONS", "/v2/jobs", {
      headers: preflightHeaders("http://evil.example", "GET"),
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      detail: "CORS: the origin http://evil.example is not one of this emulator's cors origins.",
    });
    expectNoCors(refused);
    const other = await fromPage(emu, "GET", "/v2/jobs", { origin: "http://evil.example" });
    expect(other.status).toBe(200);
    expectNoCors(other);
    expect(other.headers.vary).toBe("Origin");
  });
});

describe("cors off (the default)", () => {
  it("answers a preflight as any OPTIONS (405, or 404 off the API) and sends no CORS headers", async () => {
    const emu = await emulators.start({ functions });
    const known = await rawRequest(emu.port, "OPTIONS", "/v2/push", {
      headers: preflightHeaders(PAGE, "POST"),
    });
    expect(known.status).toBe(405);
    expect(known.headers.allow).toBe("POST");
    expectNoCors(known);
    const unknown = await rawRequest(emu.port, "OPTIONS", "/v2/nope", {
      headers: preflightHeaders(PAGE, "GET"),
    });
    expect(unknown.status).toBe(404);
    expectNoCors(unknown);

    const actual = await fromPage(emu, "GET", "/v2/jobs");
    expect(actual.status).toBe(200);
    expectNoCors(actual);
    expect(actual.headers.vary).toBeUndefined();
    const falseToo = await emulators.start({ functions, cors: false });
    expectNoCors(await fromPage(falseToo, "GET", "/v2/jobs"));
  });
});

describe("cors values", () => {
  it("refuses what is not true, false or a list of origins", async () => {
    await expect(startEmulator({ cors: ["*"] })).rejects.toThrow(/cors\[0\].*cors: true/);
    await expect(startEmulator({ cors: ["http://localhost:5173/app"] })).rejects.toThrow(
      /cors\[0\] must be an origin .*"http:\/\/localhost:5173\/app"/,
    );
    await expect(startEmulator({ cors: ["localhost:5173"] })).rejects.toThrow(SieveConfigError);
    await expect(startEmulator({ cors: [42 as unknown as string] })).rejects.toThrow(/cors\[0\]/);
    await expect(startEmulator({ cors: "yes" as unknown as boolean })).rejects.toThrow(
      /cors must be true, false or a list of origins, got string/,
    );
  });
});
