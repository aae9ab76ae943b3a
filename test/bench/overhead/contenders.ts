import createClient from "openapi-fetch";
import { Agent } from "undici";
import type { Job, paths } from "../../../generated/sieve.js";
import { sieveClient, sieveWebClient } from "../support/built-client.js";
import { FIXED_API_KEY, FIXED_JOB_ID } from "./fixed-job.js";

/** One way of reading a job, measured side by side with the others. */
export interface Contender {
  /** Short stable key, used in bench-results.json. */
  key: string;
  /** What the table prints. */
  label: string;
  /**
   * Reads the fixed job once. Its `status` is `unknown` here: openapi-fetch's `Readable` turns
   * the spec's open status (`KnownJobStatus | (string & {})`) into an object type.
   */
  read: () => Promise<Pick<Job, "id"> & { status: unknown }>;
}

/** The contenders, and how to release what they hold. */
export interface Contenders {
  list: Contender[];
  close(): Promise<void>;
}

/**
 * The ways to `GET /v2/jobs/{id}` that the overhead benchmark compares, all against `origin`:
 * raw global fetch + JSON.parse (the floor every fetch-based SDK starts from), a bare
 * openapi-fetch client on the same generated types, sieve-client's Node entry (undici agent),
 * the same Node client through openapi-fetch (`sieve.raw`: what the typed methods would cost
 * if they built a `Request` and parsed a `Response` per call), sieve-client given the global
 * fetch (the web path), and a bare undici `Agent.request` with the Node entry's agent settings
 * (the ceiling: the same connection pool with nothing on top).
 *
 * @example
 * const { list, close } = createContenders("http://127.0.0.1:41234");
 * const job = await list[0]!.read();
 */
export function createContenders(origin: string): Contenders {
  const baseUrl = `${origin}/v2`;
  const url = `${baseUrl}/jobs/${FIXED_JOB_ID}`;
  const headers = { "X-API-Key": FIXED_API_KEY };
  const openapi = createClient<paths>({ baseUrl, headers });
  const nodeClient = sieveClient.createSieveClient({ apiKey: FIXED_API_KEY, baseUrl });
  const webClient = sieveWebClient.createSieveClient({
    apiKey: FIXED_API_KEY,
    baseUrl,
    fetch: globalThis.fetch,
  });
  // The settings of `createUndiciSender`'s agent, so that the ceiling differs only in what the
  // client adds per request.
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 128, headersTimeout: 0 });
  const path = `/v2/jobs/${FIXED_JOB_ID}`;

  const list: Contender[] = [
    {
      key: "rawFetch",
      label: "raw fetch + JSON.parse",
      read: async () => JSON.parse(await (await fetch(url, { headers })).text()) as Job,
    },
    {
      key: "openapiFetch",
      label: "bare openapi-fetch",
      read: async () => {
        const { data, error } = await openapi.GET("/jobs/{job_id}", {
          params: { path: { job_id: FIXED_JOB_ID } },
        });
        if (!data) throw new Error(`openapi-fetch: ${JSON.stringify(error)}`);
        return data;
      },
    },
    {
      key: "sieveNode",
      label: "sieve-client, Node entry (undici)",
      read: () => nodeClient.jobs.get(FIXED_JOB_ID),
    },
    {
      key: "sieveNodeRaw",
      label: "sieve-client, Node entry through openapi-fetch (sieve.raw)",
      read: async () => {
        const { data, error } = await nodeClient.raw.GET("/jobs/{job_id}", {
          params: { path: { job_id: FIXED_JOB_ID } },
        });
        if (!data) throw new Error(`sieve.raw: ${JSON.stringify(error)}`);
        return data;
      },
    },
    {
      key: "sieveFetch",
      label: "sieve-client, fetch passed in",
      read: () => webClient.jobs.get(FIXED_JOB_ID),
    },
    {
      key: "undiciAgent",
      label: "undici Agent.request (ceiling)",
      read: async () => {
        const response = await agent.request({ origin, path, method: "GET", headers });
        return JSON.parse(await response.body.text()) as Job;
      },
    },
  ];
  return { list, close: () => agent.close() };
}
