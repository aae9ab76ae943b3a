/**
 * Issue 3's contract: every method of `createSieveClient`, against the Prism mock of the spec,
 * and each error class that Prism can produce (`Prefer: code=...` picks the response). Run
 * twice: through the web-standard entry (fetch) and the Node entry (undici).
 */
import { describe, expect, inject, it } from "vitest";
import {
  createSieveClient as createWebClient,
  SieveAuthenticationError,
  SieveBadRequestError,
  SieveNotFoundError,
  SievePaymentRequiredError,
  SieveRateLimitError,
  SieveValidationError,
  type SieveClient,
} from "../../src/index.js";
import { createSieveClient as createNodeClient } from "../../src/node.js";

const baseUrl = inject("prismUrl");
const jobId = "43d7add5-61cf-44ad-aac8-c5d14c642bb4";
describe.each([
  ["web entry (fetch)", createWebClient],
  ["node entry (undici)", createNodeClient],
])("%s", (_entry, createSieveClient) => {
  const sieve = createSieveClient({ apiKey: "contract-test-key", baseUrl, maxRetries: 0 });
  const preferring = (code: number): SieveClient =>
    createSieveClient({
      apiKey: "contract-test-key",
      baseUrl,
      maxRetries: 0,
      headers: { Prefer: `code=${code}` },
    });

  describe("every method against the mock", () => {
    it("jobs.push returns a PushResponse", async () => {
      const pushed = await sieve.jobs.push({
        function: "sieve/dubbing",
        inputs: { target_language: "spanish" },
        webhooks: [{ type: "job.complete", url: "https://example.com/hook" }],
        env: { OPENAI_API_KEY: "sk-test" },
      });
      expect(pushed).toMatchObject({ id: expect.any(String), status: expect.any(String) });
    });

    it("jobs.push accepts { id } instead of function", async () => {
      const pushed = await sieve.jobs.push({
        id: "f7de8467-17f3-4599-8f9d-ef601b172f71",
        inputs: {},
      });
      expect(pushed.id).toEqual(expect.any(String));
    });

    it("jobs.get returns a Job, with an output offset", async () => {
      const job = await sieve.jobs.get(jobId, { offset: 1 });
      expect(job).toMatchObject({ id: expect.any(String), status: expect.any(String) });
      expect(Array.isArray(job.outputs)).toBe(true);
    });

    it("jobs.list returns a JobPage", async () => {
      const page = await sieve.jobs.list({ limit: 2, offset: 0, status: "finished" });
      expect(Array.isArray(page.data)).toBe(true);
    });

    it("jobs.cancel returns { message }", async () => {
      expect(await sieve.jobs.cancel(jobId)).toEqual({ message: expect.any(String) });
    });

    it("functions.get returns a Function", async () => {
      const fn = await sieve.functions.get("sieve/dubbing");
      expect(fn).toMatchObject({ name: expect.any(String), owner_name: expect.any(String) });
    });

    it("functions.versions returns FunctionVersion[]", async () => {
      const versions = await sieve.functions.versions("sieve/dubbing", { limit: 3 });
      expect(versions[0]).toMatchObject({
        id: expect.any(String),
        build_status: expect.any(String),
      });
    });

    it("functions.jobs returns a JobPage", async () => {
      const page = await sieve.functions.jobs("sieve/dubbing", { status: "finished" });
      expect(Array.isArray(page.data)).toBe(true);
    });

    it("raw is the typed openapi-fetch client with the same auth", async () => {
      const { data, response } = await sieve.raw.GET("/jobs/{job_id}", {
        params: { path: { job_id: jobId } },
      });
      expect(response.status).toBe(200);
      expect(data?.id).toEqual(expect.any(String));
    });
  });

  describe("error classes Prism can produce", () => {
    const cases = [
      [400, SieveBadRequestError, () => preferring(400).jobs.cancel(jobId)],
      [401, SieveAuthenticationError, () => preferring(401).jobs.list()],
      [
        402,
        SievePaymentRequiredError,
        () => preferring(402).jobs.push({ function: "sieve/dubbing", inputs: {} }),
      ],
      [404, SieveNotFoundError, () => preferring(404).functions.get("sieve/nope")],
      [422, SieveValidationError, () => preferring(422).jobs.get(jobId)],
      [429, SieveRateLimitError, () => preferring(429).functions.versions("sieve/dubbing")],
    ] as const;

    it.each(cases)("Prefer: code=%i rejects with %o", async (status, ErrorClass, call) => {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, detail: expect.any(String) });
      expect((error as Error).message).not.toContain("contract-test-key");
    });

    it("a 422 carries its issues and a 429 its Retry-After", async () => {
      const invalid = (await preferring(422)
        .jobs.list()
        .catch((e: unknown) => e)) as SieveValidationError;
      expect(invalid.issues[0]).toMatchObject({ loc: expect.any(Array), msg: expect.any(String) });
      const limited = (await preferring(429)
        .jobs.list()
        .catch((e: unknown) => e)) as SieveRateLimitError;
      expect(limited.retryAfterMs).toBeGreaterThan(0);
    });

    it("a key the server refuses gives SieveAuthenticationError", async () => {
      const refused = createSieveClient({ apiKey: "x", baseUrl, headers: { Prefer: "code=401" } });
      await expect(refused.jobs.get(jobId)).rejects.toBeInstanceOf(SieveAuthenticationError);
    });
  });
});
