import type { Concurrency } from "../../generated/sieve.js";
import type { Handler } from "./handler-support.js";
import { jsonReply } from "./http-reply.js";

const STANDARD_MACHINES = ["cpu", "t4", "l4", "v100", "a100", "a100-20gb"];

/** `GET /user/concurrency`: the limit and how many jobs are processing, queued and limited. */
export const getConcurrency: Handler = (ctx) => {
  const { processing, queued, limited } = ctx.runner.counts();
  const answer: Concurrency = {
    max_concurrency: ctx.maxConcurrency,
    num_current: processing + queued + limited,
    num_processing: processing,
    num_queued: queued,
    num_limited: limited,
  };
  return jsonReply(200, answer);
};

/**
 * `GET /services/compute`: Sieve does not document this answer's shape; the emulator reports
 * every standard machine type, and those its functions use, as available, with the jobs on it.
 */
export const getComputeAvailability: Handler = (ctx) => {
  const types = new Set(STANDARD_MACHINES);
  for (const fn of ctx.registry.list()) types.add(fn.definition.computeType ?? "cpu");
  const jobs = new Map<string, { processing: number; queued: number }>();
  for (const job of ctx.store.all()) {
    if (job.completedAt !== null) continue;
    const type = job.registered.definition.computeType ?? "cpu";
    const counts = jobs.get(type) ?? { processing: 0, queued: 0 };
    if (job.status === "processing") counts.processing++;
    else counts.queued++;
    jobs.set(type, counts);
  }
  const compute = [...types].map((type) => ({
    compute_type: type,
    gpu: type !== "cpu",
    available: true,
    processing_jobs: jobs.get(type)?.processing ?? 0,
    queued_jobs: jobs.get(type)?.queued ?? 0,
  }));
  return jsonReply(200, { status: "available", compute });
};
