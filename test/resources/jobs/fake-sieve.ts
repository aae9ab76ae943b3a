/**
 * A small in-memory Sieve behind a fake `fetch`, for the `runAll` unit tests: pushes create
 * jobs that end after `inputs.ms` (or never, with `inputs.hang`; in `error` with
 * `inputs.fail`), `GET /jobs/{id}/await` holds until the end, `DELETE` cancels, and
 * `GET /user/concurrency` answers `maxConcurrency`. It counts what a test asserts: pushes per
 * input, and the items in flight (from a push's arrival to the first answer that shows its
 * job ended, or its failed push).
 */
import type { Job } from "../../../generated/sieve.js";
import { makeJob } from "../../support/job-fixtures.js";
import { connectionError, fakeFetch, respond } from "../../support/fake-fetch.js";

/** What a push fault does instead of creating a job: a status, or a failure like fetch's. */
export type PushFault = { status: number; headers?: Record<string, string> } | { code: string };

interface FakeJob {
  job: Job;
  inputs: Record<string, unknown>;
  endsAt: number | undefined;
  reported: boolean;
  wake: Set<() => void>;
}

export interface FakeSieveOptions {
  /** `max_concurrency`, or `"fail"` to answer 500 (default 50). */
  maxConcurrency?: number | "fail";
  /** Called for each push: a fault to answer instead, or undefined to create the job. */
  pushFault?: (push: number, inputs: Record<string, unknown>) => PushFault | undefined;
}

export function fakeSieve(options: FakeSieveOptions = {}) {
  const jobs = new Map<string, FakeJob>();
  const pushes: Array<{ at: number; inputs: Record<string, unknown>; outcome: string }> = [];
  const deletes: string[] = [];
  const state = { inFlight: 0, maxInFlight: 0, created: 0 };
  const started = Date.now();
  const leave = () => state.inFlight--;

  const ended = (fake: FakeJob) => {
    if (fake.endsAt !== undefined && Date.now() >= fake.endsAt && fake.job.status === "queued")
      fake.job.status = fake.inputs.fail ? "error" : "finished";
    return ["finished", "error", "cancelled"].includes(fake.job.status);
  };
  const answerJob = (fake: FakeJob) => {
    if (ended(fake) && !fake.reported) ((fake.reported = true), leave());
    return respond(200, { ...fake.job });
  };

  const push = async (request: Request) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    const body = (await request.json()) as { inputs: Record<string, unknown> };
    const fault = options.pushFault?.(pushes.length, body.inputs);
    pushes.push({
      at: Date.now() - started,
      inputs: body.inputs,
      outcome: fault ? "fault" : "job",
    });
    if (fault) {
      // The client's item ends with this push. A 5xx or a dropped answer (not a refused
      // connection) comes after the job was created: it exists, and nobody waits for it.
      leave();
      const createsJob = "code" in fault ? fault.code !== "ECONNREFUSED" : fault.status >= 500;
      if (createsJob) create(body.inputs).reported = true;
      if ("code" in fault) throw connectionError(fault.code);
      return respond(fault.status, { detail: "fault" }, fault.headers);
    }
    return respond(200, { id: create(body.inputs).job.id, status: "queued" });
  };
  const create = (inputs: Record<string, unknown>): FakeJob => {
    const id = `job-${++state.created}`;
    const ms = typeof inputs.ms === "number" ? inputs.ms : 0;
    const job = makeJob("queued", [], { id });
    const fake: FakeJob = {
      job,
      inputs,
      endsAt: inputs.hang ? undefined : Date.now() + ms,
      reported: false,
      wake: new Set(),
    };
    if (fake.endsAt !== undefined) setTimeout(() => fake.wake.forEach((wake) => wake()), ms + 1);
    jobs.set(id, fake);
    return fake;
  };
  const awaitJob = (fake: FakeJob, request: Request) =>
    new Promise<Response>((resolve, reject) => {
      const wake = () => {
        fake.wake.delete(wake);
        request.signal.removeEventListener("abort", abort);
        resolve(answerJob(fake));
      };
      const abort = () => {
        fake.wake.delete(wake);
        reject(request.signal.reason);
      };
      if (ended(fake)) return wake();
      fake.wake.add(wake);
      request.signal.addEventListener("abort", abort, { once: true });
    });

  const { fetch, requests } = fakeFetch(async (request) => {
    const { pathname } = new URL(request.url);
    const [, , resource, id, extra] = pathname.split("/");
    if (request.method === "POST" && pathname === "/v2/push") return push(request);
    if (pathname === "/v2/user/concurrency") {
      if (options.maxConcurrency === "fail") return respond(500, { detail: "down" });
      const max = options.maxConcurrency ?? 50;
      return respond(200, {
        max_concurrency: max,
        num_current: 0,
        num_limited: 0,
        num_processing: 0,
        num_queued: 0,
      });
    }
    const fake = resource === "jobs" && id ? jobs.get(id) : undefined;
    if (!fake) return respond(404, { detail: "Job not found." });
    if (request.method === "DELETE") {
      deletes.push(fake.job.id);
      if (ended(fake)) return respond(400, { detail: "Job is not processing." });
      fake.job.status = "cancelled";
      fake.wake.forEach((wake) => wake());
      return respond(200, { message: "cancelled" });
    }
    return extra === "await" ? awaitJob(fake, request) : answerJob(fake);
  });

  /** How many jobs were created per value of `inputs.n`. */
  const jobsPerInput = () => {
    const counts = new Map<unknown, number>();
    for (const { inputs } of jobs.values()) counts.set(inputs.n, (counts.get(inputs.n) ?? 0) + 1);
    return counts;
  };
  return { fetch, requests, jobs, pushes, deletes, state, jobsPerInput };
}
