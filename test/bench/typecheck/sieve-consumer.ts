/**
 * A consumer of sieve-client that calls every method once, as an application would. Never run:
 * the type-check benchmark times `tsc` on it against `openapi-fetch-consumer.ts`, which does the
 * same work with a bare openapi-fetch client.
 */
import { createSieveClient, parseWebhookEvent, type Job } from "../../../src/index.js";

/**
 * Every method of the client, with typical arguments; returns what it read.
 *
 * @example
 * await useEveryMethod(process.env.SIEVE_API_KEY ?? "", webhookBody);
 */
export async function useEveryMethod(apiKey: string, webhookBody: string): Promise<unknown[]> {
  const sieve = createSieveClient({ apiKey, maxRetries: 3 });
  const request = { function: "sieve/dubbing", inputs: { target_language: "spanish" } };
  const pushed = await sieve.jobs.push(request);
  const job: Job = await sieve.jobs.get(pushed.id, { offset: 0 });
  const page = await sieve.jobs.list({ status: "processing", limit: 50, offset: 0 });
  const { message } = await sieve.jobs.cancel(pushed.id, { maxRetries: 0 });
  const waited = await sieve.jobs.wait(pushed.id, { maxIntervalMs: 5_000, timeoutMs: 60_000 });
  const ran = await sieve.jobs.run(request, { onStatus: (j) => console.log(j.status) });
  const outputs: unknown[] = [];
  for await (const output of sieve.jobs.outputs(pushed.id)) outputs.push(output.data);
  const failed: string[] = [];
  for await (const j of sieve.jobs.all({ status: "error", pageSize: 100 }))
    failed.push(j.error ?? "");

  const fn = await sieve.functions.get("sieve/dubbing");
  const versions = await sieve.functions.versions("sieve/dubbing", { limit: 5 });
  const fnJobs = await sieve.functions.jobs("sieve/dubbing", { status: "finished" });
  const allJobs: string[] = [];
  for await (const j of sieve.functions.allJobs("sieve/dubbing")) allJobs.push(j.id);
  const allVersions: string[] = [];
  for await (const v of sieve.functions.allVersions("sieve/dubbing")) allVersions.push(v.id);

  const { data } = await sieve.raw.GET("/jobs/{job_id}", {
    params: { path: { job_id: pushed.id } },
  });
  const event = parseWebhookEvent(webhookBody);
  const completed = event.type === "job.complete" ? event.body.job_id : undefined;

  return [
    job.status,
    page.next_offset,
    message,
    waited.outputs,
    ran.id,
    outputs,
    failed,
    fn.name,
  ].concat([versions.length, fnJobs.data.length, allJobs, allVersions, data?.status, completed]);
}
