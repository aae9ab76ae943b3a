/**
 * A consumer of the packed package: it imports every public export the way a user would, and
 * runs a job against the emulator. Type-checked with moduleResolution NodeNext and Bundler, then
 * run with node, by test/package/pack-consume.test.ts (never against the source tree).
 */
import {
  buildStatusValues,
  createSieveClient,
  jobOutputs,
  knownJobStatusValues,
  logLines,
  parseWebhookEvent,
  webhookEventKey,
  SieveApiError,
  SieveAuthenticationError,
  SieveBadRequestError,
  SieveCallbackError,
  SieveConfigError,
  SieveConnectionError,
  SieveError,
  SieveInternalError,
  SievePageError,
  SieveRequestError,
  SieveResponseTooLargeError,
  SieveRunAbortedError,
  type CancelOutcome,
  SieveInputError,
  SieveJobCancelledError,
  SieveJobFailedError,
  SieveNotFoundError,
  SievePaymentRequiredError,
  SievePermissionError,
  SieveRateLimitError,
  SieveServerError,
  SieveTimeoutError,
  SieveValidationError,
  SieveWaitTimeoutError,
  VERSION,
  webhookEventTypeValues,
  type Job,
  type JobStatus,
  type PushJobRequest,
  type SieveClient,
  type SieveClientOptions,
  type SieveFunction,
  type FunctionVersion,
  type WebhookEvent,
  type JobCost,
  type Concurrency,
  type LogsResponse,
} from "sieve-client";
import { startEmulator, type Emulator } from "sieve-client/emulator";

const errorClasses = [
  SieveApiError,
  SieveCallbackError,
  SieveInternalError,
  SievePageError,
  SieveRequestError,
  SieveResponseTooLargeError,
  SieveRunAbortedError,
  SieveAuthenticationError,
  SieveBadRequestError,
  SieveConfigError,
  SieveConnectionError,
  SieveInputError,
  SieveJobCancelledError,
  SieveJobFailedError,
  SieveNotFoundError,
  SievePaymentRequiredError,
  SievePermissionError,
  SieveRateLimitError,
  SieveServerError,
  SieveTimeoutError,
  SieveValidationError,
  SieveWaitTimeoutError,
];

const cancelled: CancelOutcome = { status: "cancelled" };
void cancelled;

const emulator: Emulator = await startEmulator({
  functions: {
    "demo/echo": { handler: (inputs) => inputs.text },
    "demo/broken": { failWith: "boom" },
  },
});
try {
  const options: SieveClientOptions = { apiKey: emulator.apiKey, baseUrl: emulator.url };
  const sieve: SieveClient = createSieveClient(options);
  const request: PushJobRequest = { function: "demo/echo", inputs: { text: "packed" } };
  const job: Job = await sieve.jobs.run(request, { intervalMs: 20 });
  const status: JobStatus = job.status;
  const logs: LogsResponse = await sieve.jobs.logs(job.id);
  const cost: JobCost = await sieve.jobs.cost(job.id);
  const concurrency: Concurrency = await sieve.account.concurrency();
  const listed = await sieve.functions.list();
  const fn: SieveFunction = await sieve.functions.get("demo/echo");
  const versions: FunctionVersion[] = await sieve.functions.versions("demo/echo");
  const failed = await sieve.jobs
    .run({ function: "demo/broken", inputs: {} }, { intervalMs: 20 })
    .catch((e: unknown) => e);
  const event: WebhookEvent = parseWebhookEvent({
    type: "job.start",
    body: { job_id: job.id, status, error: null, outputs: [] },
  });
  const everyErrorIsSieveError = errorClasses.every((E) => E.prototype instanceof SieveError);
  console.log(
    JSON.stringify({
      version: VERSION,
      status,
      output: jobOutputs(job)[0]?.data,
      logLines: logLines(logs).length > 0,
      cost: cost.cost >= 0,
      maxConcurrency: concurrency.max_concurrency > 0,
      functions: listed.length,
      function: `${fn.owner_name}/${fn.name}`,
      versions: versions.length,
      failed: failed instanceof SieveJobFailedError ? failed.jobError : String(failed),
      event: event.type,
      eventKey: webhookEventKey(event),
      everyErrorIsSieveError,
      enums: [knownJobStatusValues.length, buildStatusValues.length, webhookEventTypeValues.length],
    }),
  );
} finally {
  await emulator.close();
}
