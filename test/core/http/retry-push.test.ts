/**
 * `POST /push` creates a paid job: it is re-sent only after a 429 or a connection error that
 * proves nothing left (ECONNREFUSED, ENOTFOUND); never after a 5xx, a reset or a timeout, and
 * then the error says the job may or may not have been created.
 */
import { describe, expect, it } from "vitest";
import {
  SieveConnectionError,
  SieveRateLimitError,
  SieveServerError,
  SieveTimeoutError,
  type PushJobRequest,
} from "../../../src/index.js";
import { pushResponse } from "../../support/fixtures.js";
import {
  fail,
  fakeFetch,
  hang,
  rejectionOf,
  reply,
  testClient,
  type Responder,
} from "../../support/fake-fetch.js";
import { expectRetriesAfter, useFakeClock } from "../../support/timers.js";

useFakeClock(0);

const request: PushJobRequest = { function: "sieve/dubbing", inputs: { target_language: "es" } };
const MAY_EXIST = "the job may or may not have been created";

describe("POST /push is retried", () => {
  it.each([
    ["a 429", reply(429, { detail: "slow down" })],
    ["ECONNREFUSED", fail("ECONNREFUSED")],
    ["ENOTFOUND", fail("ENOTFOUND")],
  ])("after %s, with the same body each time", async (_why, first: Responder) => {
    const { fetch, requests } = fakeFetch(first, first, reply(200, pushResponse));
    const pushed = testClient(fetch).jobs.push(request);

    await expectRetriesAfter(requests, [500, 1000]);

    expect(await pushed).toEqual(pushResponse);
    const bodies = await Promise.all(requests.map((sent) => sent.text()));
    expect(bodies.map((body) => JSON.parse(body))).toEqual([request, request, request]);
  });

  it("up to maxRetries after 429s, then throws SieveRateLimitError", async () => {
    const { fetch, requests } = fakeFetch(reply(429, { detail: "slow down" }));
    const outcome = rejectionOf(testClient(fetch).jobs.push(request));

    await expectRetriesAfter(requests, [500, 1000]);

    expect(await outcome).toBeInstanceOf(SieveRateLimitError);
  });
});

describe("POST /push is sent exactly once", () => {
  it.each([500, 502, 503, 504, 408])(
    "on a %i, with a note that the job may exist",
    async (status) => {
      const { fetch, requests } = fakeFetch(
        reply(status, { detail: "boom" }),
        reply(200, pushResponse),
      );
      const outcome = rejectionOf(testClient(fetch).jobs.push(request));

      await expectRetriesAfter(requests, []);

      const error = await outcome;
      expect(error).toMatchObject({ status, method: "POST" });
      if (status >= 500) {
        expect(error).toBeInstanceOf(SieveServerError);
        expect((error as Error).message).toContain(MAY_EXIST);
      }
    },
  );

  it.each(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"])("on %s, with that note", async (code) => {
    const { fetch, requests } = fakeFetch(fail(code), reply(200, pushResponse));
    const outcome = rejectionOf(testClient(fetch).jobs.push(request));

    await expectRetriesAfter(requests, []);

    const error = await outcome;
    expect(error).toBeInstanceOf(SieveConnectionError);
    expect(error).not.toBeInstanceOf(SieveTimeoutError);
    expect((error as Error).message).toContain(code);
    expect((error as Error).message).toContain(MAY_EXIST);
  });

  it("on a timeout, with that note", async () => {
    const { fetch, requests } = fakeFetch(hang, reply(200, pushResponse));
    const outcome = rejectionOf(testClient(fetch, { timeoutMs: 2_000 }).jobs.push(request));

    await expectRetriesAfter(requests, []);

    const error = await outcome;
    expect(error).toBeInstanceOf(SieveTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 2_000, method: "POST" });
    expect((error as Error).message).toContain(MAY_EXIST);
  });

  it("on an unknown failure without a code", async () => {
    const { fetch, requests } = fakeFetch(() => Promise.reject(new TypeError("fetch failed")));
    const outcome = rejectionOf(testClient(fetch).jobs.push(request));

    await expectRetriesAfter(requests, []);

    expect(await outcome).toBeInstanceOf(SieveConnectionError);
  });

  it("when a never-sent code hides behind a reset in the cause chain", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const refused = Object.assign(new Error("refused"), { code: "ECONNREFUSED", cause: reset });
    const { fetch, requests } = fakeFetch(() =>
      Promise.reject(new TypeError("fetch failed", { cause: refused })),
    );
    const outcome = rejectionOf(testClient(fetch).jobs.push(request));

    await expectRetriesAfter(requests, []);

    expect(await outcome).toBeInstanceOf(SieveConnectionError);
  });
});
