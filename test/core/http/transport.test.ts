/**
 * `createTransport` alone, on a fake fetch: what each attempt hands to `fetch`, the same body
 * for every attempt, the fully read response, and the injected jitter source.
 */
import { describe, expect, it, vi } from "vitest";
import { SieveConnectionError } from "../../../src/core/errors/sieve-connection-error.js";
import { createFetchSender } from "../../../src/core/http/fetch-sender.js";
import type { HttpRequest } from "../../../src/core/http/http-types.js";
import { createTransport, type TransportConfig } from "../../../src/core/http/transport.js";
import { fail, fakeFetch, reply, type Responder } from "../../support/fake-fetch.js";
import { expectRetriesAfter, useFakeClock } from "../../support/timers.js";

useFakeClock(0);

function transportWith(responders: Responder[], config: Partial<TransportConfig> = {}) {
  const { fetch, requests } = fakeFetch(...responders);
  const transport = createTransport({
    send: createFetchSender(fetch),
    maxRetries: 2,
    maxRetryDelayMs: 60_000,
    timeoutMs: 10_000,
    ...config,
  });
  return { transport, requests };
}

const get = (url: string): HttpRequest => ({
  method: "GET",
  url,
  headers: { "X-API-Key": "k" },
  body: undefined,
});

describe("createTransport", () => {
  it("hands fetch its own signal per attempt and redirect: manual", async () => {
    const { transport, requests } = transportWith([reply(200, {})]);
    const caller = new AbortController();

    await transport(get("https://api.test/v2/jobs"), caller.signal);

    const sent = requests[0] as Request;
    expect(sent.redirect).toBe("manual");
    expect(sent.headers.get("x-api-key")).toBe("k");
    expect(sent.signal.aborted).toBe(false);
  });

  it("sends the same POST body with every attempt", async () => {
    const { transport, requests } = transportWith([
      fail("ECONNREFUSED"),
      fail("ENOTFOUND"),
      reply(200, { ok: true }),
    ]);
    const sent = transport({
      method: "POST",
      url: "https://api.test/v2/push",
      headers: {},
      body: '{"a":1}',
    });

    await expectRetriesAfter(requests, [500, 1_000]);

    expect((await sent).status).toBe(200);
    const bodies = await Promise.all(requests.map((r) => r.text()));
    expect(bodies).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });

  it("returns the status, headers and whole body", async () => {
    const { transport } = transportWith([reply(201, { id: 1 }, { "x-trace": "t" })]);
    const response = await transport(get("https://api.test/v2/jobs?limit=1"));
    expect(response.status).toBe(201);
    expect(response.headers.get("X-Trace")).toBe("t");
    expect(response.headers.toRecord()).toMatchObject({ "x-trace": "t" });
    expect(JSON.parse(response.body)).toEqual({ id: 1 });
  });

  it("follows a same-origin redirect inside one attempt", async () => {
    const moved = reply(302, undefined, { location: "https://api.test/v2/elsewhere" });
    const { transport, requests } = transportWith([moved, reply(200, {})]);
    expect((await transport(get("https://api.test/v2/jobs"))).status).toBe(200);
    expect(requests.map((r) => r.url)).toEqual([
      "https://api.test/v2/jobs",
      "https://api.test/v2/elsewhere",
    ]);
  });

  it("gives a 204 an empty body", async () => {
    const { transport } = transportWith([reply(204)]);
    expect((await transport(get("https://api.test/v2/x"))).body).toBe("");
  });

  it("returns the final failed response when no retry is left", async () => {
    const { transport, requests } = transportWith([reply(503, { detail: "x" })], { maxRetries: 1 });
    const sent = transport(get("https://api.test/v2/jobs"));
    await expectRetriesAfter(requests, [500]);
    expect((await sent).status).toBe(503);
  });

  it("per-call limits override the client's", async () => {
    const { transport, requests } = transportWith([reply(503, { detail: "x" })], { maxRetries: 5 });
    const sent = transport(get("https://api.test/v2/jobs"), undefined, { maxRetries: 0 });
    expect((await sent).status).toBe(503);
    expect(requests).toHaveLength(1);
  });

  it("draws jitter from the random function it is given", async () => {
    const random = vi.fn(() => 1);
    const { transport, requests } = transportWith([reply(500), reply(200, {})], { random });
    const sent = transport(get("https://api.test/v2/jobs"));

    await expectRetriesAfter(requests, [375]);

    await sent;
    expect(random).toHaveBeenCalledTimes(1);
    expect(Math.random).not.toHaveBeenCalled();
  });
});

describe("an opaque redirect (browsers hide manual redirects)", () => {
  it("fails once with SieveConnectionError, not retried", async () => {
    const opaque: Responder = () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, "type", { value: "opaqueredirect" });
      return response;
    };
    const { transport, requests } = transportWith([opaque]);
    const error = await transport(get("https://api.test/v2/jobs")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SieveConnectionError);
    expect((error as Error).message).toContain("redirects are not followed");
    expect(requests).toHaveLength(1);
  });
});
