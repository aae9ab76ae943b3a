/**
 * The smoke flow every runtime runs against the emulator, through the entry of the packed
 * package that the runtime resolved. Portable: it uses only web-standard globals, and gets the
 * package's namespace from its caller (see harness/entry-sources.ts).
 */
import type { FlowConfig, FlowResult, SieveModule } from "./flow-types.js";
import { probeGlobalFetch } from "./fetch-probe.js";
import { describeRuntime } from "./runtime-info.js";
import { StepRunner, check, describeError, need } from "./step-runner.js";

/** How long the wait runs before it is aborted, in ms: long enough to be in flight. */
const ABORT_AFTER_MS = 200;
/** How soon after the abort the wait must have rejected, in ms. */
const PROMPT_MS = 1_000;
/** What `NOT_SENT_TWICE` says on a push that failed after it may have left. */
const MAY_HAVE_ARRIVED = /may have reached Sieve/;

/**
 * Runs every step of `FLOW_STEPS` with clients created from `sieve`, and reports each step, the
 * runtime, and how many requests went through the global `fetch`.
 */
export async function runSmokeFlow(
  sieve: SieveModule,
  config: FlowConfig,
  resolved?: string,
): Promise<FlowResult> {
  const probe = probeGlobalFetch();
  try {
    const steps = new StepRunner();
    await runSteps(sieve, config, steps).catch((error: unknown) => steps.failRest(error));
    const result: FlowResult = {
      runtime: describeRuntime(),
      globalFetchCalls: probe.calls,
      steps: steps.results,
    };
    if (resolved !== undefined) result.resolved = resolved;
    return result;
  } finally {
    probe.restore();
  }
}

/**
 * The options every client of the flow gets. `dangerouslyAllowBrowser`: in the page, the key is
 * the emulator's test key, which anyone may read; elsewhere the option changes nothing.
 */
function clientOptions(config: FlowConfig, apiKey = config.apiKey, baseUrl = config.baseUrl) {
  return { apiKey, baseUrl, maxRetries: 0, dangerouslyAllowBrowser: true };
}

async function runSteps(sieve: SieveModule, config: FlowConfig, steps: StepRunner): Promise<void> {
  const { echo, fail, hang } = config.functions;
  const client = sieve.createSieveClient(clientOptions(config));
  let echoId: string | undefined;
  let failId: string | undefined;

  await steps.run("functions.get", async () => {
    const fn = await client.functions.get(echo);
    check(`${fn.owner_name}/${fn.name}` === echo, `got ${fn.owner_name}/${fn.name}`);
    return `${fn.owner_name}/${fn.name}`;
  });

  await steps.run("jobs.push", async () => {
    const pushed = await client.jobs.push({ function: echo, inputs: { text: "smoke" } });
    echoId = pushed.id;
    return `job ${pushed.id}, status ${pushed.status}`;
  });

  await steps.run("jobs.outputs", async () => {
    const data: unknown[] = [];
    for await (const output of client.jobs.outputs(need(echoId, "jobs.push"))) {
      data.push(output.data);
    }
    const seen = JSON.stringify(data);
    check(seen === JSON.stringify(["smoke", "SMOKE"]), `outputs ${seen}`);
    return `outputs ${seen}`;
  });

  await steps.run("jobs.wait", async () => {
    const job = await client.jobs.wait(need(echoId, "jobs.push"));
    check(job.status === "finished", `status ${job.status}`);
    return `status ${job.status}`;
  });

  await steps.run("job failure", async () => {
    failId = (await client.jobs.push({ function: fail, inputs: {} })).id;
    const error = await rejection(client.jobs.wait(failId));
    check(error instanceof sieve.SieveJobFailedError, `rejected with ${describeError(error)}`);
    return `${error.name}: ${error.jobError}`;
  });

  await steps.run("jobs.list", async () => {
    const ids = (await client.jobs.list()).data.map((job) => job.id);
    for (const id of [need(echoId, "jobs.push"), need(failId, "job failure")]) {
      check(ids.includes(id), `job ${id} missing from ${ids.length} listed`);
    }
    return `${ids.length} jobs listed`;
  });

  await steps.run("wrong key", async () => {
    const wrong = sieve.createSieveClient(clientOptions(config, "not-the-emulator-key"));
    const error = await rejection(wrong.functions.get(echo));
    check(error instanceof sieve.SieveAuthenticationError, `rejected with ${describeError(error)}`);
    return `${error.name} (status ${error.status})`;
  });

  await steps.run("abort mid-wait", () => abortMidWait(client, hang));

  await steps.run("closed port", () => pushToClosedPort(sieve, config));
}

/** Pushes the hanging job, aborts a wait on it, then cancels the job. */
async function abortMidWait(
  client: ReturnType<SieveModule["createSieveClient"]>,
  hang: string,
): Promise<string> {
  const { id } = await client.jobs.push({ function: hang, inputs: {} });
  const controller = new AbortController();
  const reason = new Error("smoke flow: stop waiting");
  const waiting = rejection(client.jobs.wait(id, { signal: controller.signal }));
  await new Promise((resolve) => setTimeout(resolve, ABORT_AFTER_MS));
  const abortedAt = performance.now();
  controller.abort(reason);
  const error = await waiting;
  const ms = Math.round(performance.now() - abortedAt);
  await client.jobs.cancel(id);
  check(error === reason, `rejected with ${describeError(error)}, not the abort reason`);
  check(ms < PROMPT_MS, `rejected ${ms} ms after the abort`);
  return `rejected with the abort reason ${ms} ms after the abort`;
}

/**
 * Pushes to a port nothing listens on, with one retry allowed (after at most 0.5 s of backoff):
 * whether the client retried shows whether it knew the push never left; the message says
 * whether it may have arrived.
 */
async function pushToClosedPort(sieve: SieveModule, config: FlowConfig): Promise<string> {
  let retries = 0;
  const client = sieve.createSieveClient({
    ...clientOptions(config, config.apiKey, config.closedBaseUrl),
    maxRetries: 1,
    onRetry: () => retries++,
  });
  const error = await rejection(client.jobs.push({ function: config.functions.echo, inputs: {} }));
  check(error instanceof sieve.SieveConnectionError, `rejected with ${describeError(error)}`);
  const says = MAY_HAVE_ARRIVED.test(error.message) ? "may have arrived" : "surely never left";
  const cause = error.cause instanceof Error ? describeError(error.cause) : String(error.cause);
  const retried = `${retries} ${retries === 1 ? "retry" : "retries"}`;
  return `${error.name} after ${retried}; says the push ${says}; cause ${cause}`;
}

/** What `promise` rejected with; a throw when it resolved. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`resolved with ${JSON.stringify(value)?.slice(0, 200)} instead of rejecting`);
    },
    (error: unknown) => error,
  );
}
