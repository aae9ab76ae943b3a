import type { EmulatedFunction } from "./function-types.js";

/**
 * Options of `startEmulator`.
 *
 * @example
 * const options: EmulatorOptions = { apiKey: "test-key", functions: demoFunctions };
 * const emu = await startEmulator(options);
 */
export interface EmulatorOptions {
  /**
   * The port to listen on, always on 127.0.0.1 (default 0: a free port).
   *
   * @example
   * await startEmulator({ port: 8787, functions: {} });
   */
  port?: number;
  /**
   * The only API key accepted in `X-API-Key` (default `DEFAULT_EMULATOR_API_KEY`).
   *
   * @example
   * await startEmulator({ apiKey: "test-key", functions: {} });
   */
  apiKey?: string;
  /**
   * The functions served, keyed `"owner/name"`.
   *
   * @example
   * await startEmulator({ functions: { "demo/echo": { handler: (inputs) => inputs.text } } });
   */
  functions?: Record<string, EmulatedFunction>;
  /**
   * How many requests `requests` keeps (default 100 000); beyond it the oldest tenth is dropped.
   *
   * @example
   * await startEmulator({ functions: {}, requestLogLimit: 1_000 });
   */
  requestLogLimit?: number;
  /**
   * The time limit of one webhook delivery, in ms (default 5 000).
   *
   * @example
   * await startEmulator({ functions: {}, webhookTimeoutMs: 500 });
   */
  webhookTimeoutMs?: number;
  /**
   * How long `GET /jobs/{job_id}/await` holds a request for a job that has not ended, in ms,
   * before it answers 408 `Request timeout.` (default 600 000, Sieve's 10 minutes).
   *
   * @example
   * await startEmulator({ functions: demoFunctions, awaitHoldMs: 2_000 });
   */
  awaitHoldMs?: number;
  /**
   * The organization's concurrency limit: how many jobs may hold a slot (be queued for their
   * `delayMs` or processing) at once. Jobs beyond it stay `queued`, count as `num_limited` in
   * `GET /user/concurrency`, and take a slot in push order as one frees (default 10 000).
   *
   * @example
   * await startEmulator({ functions: demoFunctions, maxConcurrency: 2 });
   */
  maxConcurrency?: number;
  /**
   * The caller's organization, i.e. the `owner_name` of its own functions: `GET /functions`
   * lists them and only they may be edited (`POST .../edit`); every other function is shown
   * `public` and editing it answers 403 `Forbidden.`. Default: the caller owns every function
   * whose owner is not `sieve` (so `sieve/...` functions behave like Sieve's public ones).
   *
   * @example
   * await startEmulator({ organization: "acme", functions: { "acme/mine": {}, "sieve/dubbing": {} } });
   */
  organization?: string;
  /**
   * The organization's credits in dollars before any job ran; `GET /usage/credits` answers
   * `{"credits_remaining": credits - cost of every job so far}` (default 100).
   *
   * @example
   * await startEmulator({ functions: demoFunctions, credits: 5 });
   */
  credits?: number;
}
