/**
 * sieve-client for Node.js: the same API as the web-standard entry (`./index.ts`), except that
 * `createSieveClient` sends through a keep-alive undici agent unless you pass your own `fetch`.
 * Chosen by the `node` condition of the package's `exports`, so Node users get it from
 * `import { createSieveClient } from "sieve-client"`. undici itself is loaded on the first
 * request (never counted against that request's `timeoutMs`), so importing this entry costs
 * about what the web-standard entry does.
 *
 * @example
 * import { createSieveClient } from "sieve-client";
 * const sieve = createSieveClient(); // undici on Node, fetch elsewhere
 */
import { createClientOn, type SieveClient } from "./create-sieve-client.js";
import { createLazyUndiciSender } from "./core/http/lazy-undici-sender.js";
import type { SieveClientOptions } from "./core/config/client-options.js";
import { openFileJournal } from "./resources/jobs/batch/file-journal.js";
import { useFileJournals } from "./resources/jobs/batch/journal-store.js";

export * from "./index.js";

// `jobs.runAll({ journal: "path" })` writes a file on Node; the web build takes a store only.
useFileJournals(openFileJournal);

/**
 * Creates a client that sends through undici's keep-alive agent, loaded on its first request
 * (or through `options.fetch` when given). Every option is optional: the key comes from
 * `SIEVE_API_KEY` by default.
 *
 * @example
 * const sieve = createSieveClient({ apiKey: process.env.SIEVE_API_KEY });
 */
export function createSieveClient(options?: SieveClientOptions): SieveClient {
  return createClientOn(options, createLazyUndiciSender);
}
