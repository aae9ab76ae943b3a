/**
 * sieve-client: the typed TypeScript client for the Sieve REST API v2.
 *
 * @example
 * import { createSieveClient } from "sieve-client";
 * const sieve = createSieveClient();
 */
export { createSieveClient, type SieveClient } from "./client/create-sieve-client.js";
export type {
  FunctionsResource,
  ListFunctionJobsParams,
  ListVersionsParams,
} from "./resources/functions.js";
export type {
  AllJobsParams,
  GetJobParams,
  JobsResource,
  ListJobsParams,
  OutputsOptions,
  PushJobRequest,
  RunOptions,
} from "./resources/jobs-resource.js";
export type { WaitOptions } from "./jobs/wait-options.js";
export type { Logger, RetryInfo, SieveClientOptions } from "./types/client-options.js";
export type { RequestOptions } from "./types/request-options.js";

export { SieveError } from "./errors/sieve-error.js";
export { SieveApiError } from "./errors/sieve-api-error.js";
export {
  SieveAuthenticationError,
  SieveBadRequestError,
  SieveNotFoundError,
  SievePaymentRequiredError,
  SievePermissionError,
  SieveRateLimitError,
  SieveResponseTooLargeError,
  SieveServerError,
  SieveValidationError,
} from "./errors/status-errors.js";
export { SieveConfigError } from "./errors/sieve-config-error.js";
export { SieveConnectionError } from "./errors/sieve-connection-error.js";
export { SieveInputError } from "./errors/sieve-input-error.js";
export { SieveTimeoutError } from "./errors/sieve-timeout-error.js";
export { SieveJobFailedError } from "./errors/sieve-job-failed-error.js";
export { SieveJobCancelledError } from "./errors/sieve-job-cancelled-error.js";
export { SieveWaitTimeoutError } from "./errors/sieve-wait-timeout-error.js";
export {
  SieveRunAbortedError,
  type CancelOutcome,
  type RunStopReason,
} from "./errors/sieve-run-aborted-error.js";
export { SieveCallbackError } from "./errors/sieve-callback-error.js";
export { SieveInternalError } from "./errors/sieve-internal-error.js";
export { SievePageError } from "./errors/sieve-page-error.js";
export { VERSION } from "./version.js";

export { buildStatusValues, jobStatusValues, webhookEventTypeValues } from "../generated/sieve.js";
export type {
  BuildStatus,
  CancelJobResponse,
  EnvironmentVariable,
  ErrorDetail,
  Function,
  Function as SieveFunction,
  FunctionIO,
  FunctionVersion,
  HTTPValidationError,
  Job,
  JobPage,
  JobRestart,
  JobStatus,
  PushRequest,
  PushResponse,
  ValidationIssue,
  Webhook,
  WebhookEvent,
  WebhookEventType,
  WebhookJobBody,
  WebhookJobCompleteEvent,
  WebhookJobCompleteNoOutputEvent,
  WebhookJobNoOutputBody,
  WebhookJobStartEvent,
  WebhookNewOutputBody,
  WebhookNewOutputEvent,
  WorkerCounts,
  components,
  operations,
  paths,
} from "../generated/sieve.js";

export { parseWebhookEvent } from "./webhooks/parse-webhook-event.js";
