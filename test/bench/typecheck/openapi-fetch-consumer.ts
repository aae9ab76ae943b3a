/**
 * The same work as `sieve-consumer.ts`, written against a bare openapi-fetch client on the same
 * generated types, as a user without sieve-client would write it (loops for waiting, streaming
 * and paging included). Never run: the type-check benchmark's baseline.
 */
import createClient from "openapi-fetch";
import type { paths, WebhookEvent } from "../../../generated/sieve.js";

// `unknown[]`: openapi-fetch's `Readable` turns an open `string & {}` status into an object type.
const ENDED: readonly unknown[] = ["finished", "error", "cancelled"];

/**
 * Every operation `useEveryMethod` in sieve-consumer.ts performs, through openapi-fetch.
 *
 * @example
 * await useEveryOperation(process.env.SIEVE_API_KEY ?? "", webhookBody);
 */
export async function useEveryOperation(apiKey: string, webhookBody: string): Promise<unknown[]> {
  const client = createClient<paths>({
    baseUrl: "https://mango.sievedata.com/v2",
    headers: { "X-API-Key": apiKey },
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const getJob = async (job_id: string, offset = 0) => {
    const { data, error } = await client.GET("/jobs/{job_id}", {
      params: { path: { job_id }, query: { offset } },
    });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };
  const waitFor = async (id: string) => {
    for (let job = await getJob(id); ; job = await getJob(id)) {
      if (ENDED.includes(job.status)) return job;
      await sleep(1_000);
    }
  };
  const push = async () => {
    const { data, error } = await client.POST("/push", {
      body: { function: "sieve/dubbing", inputs: { target_language: "spanish" } },
    });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };
  const fnPath = { owner_name: "sieve", function_name: "dubbing" };

  const pushed = await push();
  const job = await getJob(pushed.id);
  const page = await client.GET("/jobs", {
    params: { query: { status: "processing", limit: 50, offset: 0 } },
  });
  const cancelled = await client.DELETE("/jobs/{job_id}", {
    params: { path: { job_id: pushed.id } },
  });
  const waited = await waitFor(pushed.id);
  const ran = await waitFor((await push()).id);
  const outputs: unknown[] = [];
  for (let seen = 0, current = job; ; await sleep(1_000)) {
    current = await getJob(pushed.id, seen);
    const items = current.outputs ?? [];
    for (const output of items.flat()) outputs.push(output.data);
    seen += items.length;
    if (ENDED.includes(current.status)) break;
  }
  const failed: string[] = [];
  for (let offset = 0; offset !== -1;) {
    const { data } = await client.GET("/jobs", {
      params: { query: { status: "error", limit: 100, offset } },
    });
    for (const j of data?.data ?? []) failed.push(j.error ?? "");
    offset = data?.next_offset ?? -1;
  }

  const fn = await client.GET("/functions/{owner_name}/{function_name}", {
    params: { path: fnPath },
  });
  const versions = await client.GET("/functions/{owner_name}/{function_name}/versions", {
    params: { path: fnPath, query: { limit: 5 } },
  });
  const fnJobs = await client.GET("/functions/{owner_name}/{function_name}/jobs", {
    params: { path: fnPath, query: { status: "finished" } },
  });
  const allJobs: string[] = [];
  for (let offset = 0; offset !== -1;) {
    const { data } = await client.GET("/functions/{owner_name}/{function_name}/jobs", {
      params: { path: fnPath, query: { limit: 100, offset } },
    });
    // Some deployments answer a bare list of jobs instead of a page.
    const jobs = Array.isArray(data) ? data : (data?.data ?? []);
    for (const j of jobs) allJobs.push(j.id);
    if (Array.isArray(data)) offset = jobs.length === 100 ? offset + 100 : -1;
    else offset = data?.next_offset ?? -1;
  }
  const allVersions: string[] = [];
  for (let offset = 0, more = true; more;) {
    const { data = [] } = await client.GET("/functions/{owner_name}/{function_name}/versions", {
      params: { path: fnPath, query: { limit: 100, offset } },
    });
    for (const v of data) allVersions.push(v.id);
    offset += data.length;
    more = data.length === 100;
  }

  const { data } = await client.GET("/jobs/{job_id}", {
    params: { path: { job_id: pushed.id } },
  });
  const event = JSON.parse(webhookBody) as WebhookEvent;
  const completed = event.type === "job.complete" ? event.body.job_id : undefined;

  const read: unknown[] = [job.status, page.data?.next_offset, cancelled.data?.message];
  return read
    .concat([waited.outputs, ran.id, outputs, failed, fn.data?.name, versions.data?.length])
    .concat([fnJobs.data && "data" in fnJobs.data ? fnJobs.data.data.length : fnJobs.data?.length])
    .concat([allJobs, allVersions, data?.status, completed]);
}
