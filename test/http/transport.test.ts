/**
 * `createTransport` alone: what each attempt hands to `fetch`, a fresh copy of a body for each
 * attempt, the buffered response and the request it answered, and the injected jitter source.
 */
import { describe, expect, it, vi } from "vitest";
import { targetOf } from "../../src/http/response-target.js";
import { createTransport, type TransportConfig } from "../../src/http/transport.js";
import { fail, fakeFetch, reply, type Responder } from "../support/fake-fetch.js";
import { expectRetriesAfter, useFakeClock } from "../support/timers.js";

useFakeClock(0);

function transportWith(responders: Responder[], config: Partial<TransportConfig> = {}) {
  const { fetch, requests } = fakeFetch(...responders);
  const transport = createTransport({
    fetch,
    maxRetries: 2,
    maxRetryDelayMs: 60_000,
    timeoutMs: 10_000,
    ...config,
  });
  return { transport, requests };
}

describe("createTransport", () => {
  it("hands fetch a Request with its own signal and redirect: manual", async () => {
    const { transport, requests } = transportWith([reply(200, {})]);
    const caller = new AbortController();

    await transport(new Request("https://api.test/v2/jobs", { signal: caller.signal }));

    const sent = requests[0] as Request;
    expect(sent.redirect).toBe("manual");
    expect(sent.signal).not.toBe(caller.signal);
    expect(sent.signal.aborted).toBe(false);
  });

  it("sends a fresh copy of a POST body with every attempt", async () => {
    const { transport, requests } = transportWith([
      fail("ECONNREFUSED"),
      fail("ENOTFOUND"),
      reply(200, { ok: true }),
    ]);
    const request = new Request("https://api.test/v2/push", { method: "POST", body: '{"a":1}' });
    const sent = transport(request);

    await expectRetriesAfter(requests, [500, 1_000]);

    expect((await sent).status).toBe(200);
    const bodies = await Promise.all(requests.map((r) => r.text()));
    expect(bodies).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });

  it("returns a buffered response that remembers the request it answered", async () => {
    const { transport } = transportWith([reply(201, { id: 1 }, { "x-trace": "t" })]);

    const response = await transport(new Request("https://api.test/v2/jobs?limit=1"));

    expect(response.status).toBe(201);
    expect(response.headers.get("x-trace")).toBe("t");
    expect(await response.json()).toEqual({ id: 1 });
    expect(targetOf(response)).toEqual({ method: "GET", url: "https://api.test/v2/jobs?limit=1" });
  });

  it("remembers the last URL of a followed redirect", async () => {
    const moved = reply(302, undefined, { location: "https://api.test/v2/elsewhere" });
    const { transport } = transportWith([moved, reply(200, {})]);

    const response = await transport(new Request("https://api.test/v2/jobs"));

    expect(targetOf(response).url).toBe("https://api.test/v2/elsewhere");
  });

  it("gives a 204 a null body", async () => {
    const { transport } = transportWith([reply(204)]);
    expect((await transport(new Request("https://api.test/v2/x"))).body).toBeNull();
  });

  it("returns the final failed response when no retry is left", async () => {
    const { transport, requests } = transportWith([reply(503, { detail: "x" })], {
      maxRetries: 1,
    });
    const sent = transport(new Request("https://api.test/v2/jobs"));

    await expectRetriesAfter(requests, [500]);

    expect((await sent).status).toBe(503);
  });

  it("draws jitter from the random function it is given", async () => {
    const random = vi.fn(() => 1);
    const { transport, requests } = transportWith([reply(500), reply(200, {})], { random });
    const sent = transport(new Request("https://api.test/v2/jobs"));

    await expectRetriesAfter(requests, [375]);

    await sent;
    expect(random).toHaveBeenCalledTimes(1);
    expect(Math.random).not.toHaveBeenCalled();
  });
});

describe("targetOf", () => {
  it("falls back to GET and the response URL for a response it never saw", () => {
    expect(targetOf(new Response(null))).toEqual({ method: "GET", url: "" });
  });
});
