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
  /**
   * Lets web pages of other origins call the emulator (off by default). `true` accepts any
   * origin (its `Origin` is echoed back, with `Vary: Origin`); a list accepts only those
   * origins (`"http://localhost:5173"`, scheme, host and port; `"null"` for `file:` pages).
   * When on, a preflight (`OPTIONS` with `Access-Control-Request-Method`) from an accepted
   * origin gets 204 with `Access-Control-Allow-Methods: GET, POST, DELETE, OPTIONS`,
   * `Access-Control-Allow-Headers` (`Content-Type, X-API-Key, User-Agent` and whatever else it
   * asks for), `Access-Control-Max-Age: 600` and `Access-Control-Allow-Private-Network` if
   * asked; one from another origin gets 403. Preflights never use up an injected fault. Every
   * answer to an accepted origin, errors and injected faults included, carries
   * `Access-Control-Allow-Origin` and `Access-Control-Expose-Headers: Retry-After,
   * Retry-After-Ms, Allow`. When off, no answer has CORS headers and a preflight gets what
   * any `OPTIONS` gets: 405 (404 on an unknown path).
   *
   * @example
   * await startEmulator({ functions: demoFunctions, cors: ["http://localhost:5173"] });
   */
  cors?: boolean | readonly string[];
  /**
   * More `Host` names to answer besides the loopback ones (`127.0.0.1`, `localhost`,
   * `*.localhost`, `[::1]`, any port): a name, or `".example.test"` for it and its subdomains;
   * `true` answers any `Host`. A request for another host gets 403 and does nothing, so that a
   * web page cannot reach the emulator through DNS rebinding (default: loopback names only).
   *
   * @example
   * await startEmulator({ functions: demoFunctions, allowedHosts: ["sieve.test"] });
   */
  allowedHosts?: true | readonly string[];
}
