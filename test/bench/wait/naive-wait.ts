import { setTimeout as sleep } from "node:timers/promises";

const ENDED = new Set(["finished", "error", "cancelled"]);

/** What the naive loop counts as it goes. */
export interface NaiveCounters {
  requests: number;
  errors: number;
}

/**
 * The loop users write by hand, as Sieve's own examples do: `GET /jobs/{id}` with the global
 * fetch, and if the job has not ended, sleep 1 s and ask again. A failed request is counted and
 * retried after the same second (a user's loop would more often crash).
 *
 * @example
 * const counters = { requests: 0, errors: 0 };
 * const job = await naiveWait(emulatorUrl, apiKey, id, counters);
 */
export async function naiveWait(
  baseUrl: string,
  apiKey: string,
  jobId: string,
  counters: NaiveCounters,
): Promise<{ status: string }> {
  for (;;) {
    try {
      counters.requests++;
      const response = await fetch(`${baseUrl}/jobs/${jobId}`, {
        headers: { "X-API-Key": apiKey },
      });
      const job = (await response.json()) as { status: string };
      if (ENDED.has(job.status)) return job;
    } catch {
      counters.errors++;
    }
    await sleep(1_000);
  }
}
