/**
 * sieve-client: the typed TypeScript client for the Sieve REST API v2.
 *
 * @example
 * import { createSieveClient } from "sieve-client";
 * const sieve = createSieveClient();
 */
export { createSieveClient, type SieveClient } from "./create-sieve-client.js";
export type {
  FunctionsResource,
  ListFunctionJobsParams,
  ListFunctionsParams,
  ListVersionJobsParams,
  ListVersionsParams,
  PageSizeParams,
} from "./resources/functions/types.js";
export type {
  AllJobsParams,
  GetJobParams,
  JobCostParams,
  JobsResource,
  ListJobsParams,
  OutputsOptions,
  PushJobRequest,
  RunAllOptions,
  RunOptions,
} from "./resources/jobs/types.js";
export type {
  BatchErrorResult,
  BatchJobResult,
  BatchOptions,
  BatchProgress,
  BatchResult,
  ConcurrencySource,
} from "./resources/jobs/batch/batch-types.js";
export type { BatchJournal, BatchJournalEntry } from "./resources/jobs/batch/journal-types.js";
export { SieveAmbiguousPushError, SieveJournalError } from "./resources/jobs/batch/batch-errors.js";
export type {
  FollowLogsOptions,
  JobLogLine,
  LogsParams,
  PosixTime,
} from "./resources/jobs/log-types.js";
export type {
  ConcurrencyParams,
  UsageByFunction,
  UsageResource,
  UsageWindow,
} from "./resources/usage.js";
export type { AccountResource } from "./resources/account.js";
export type { ComputeResource } from "./resources/compute.js";
export type { WaitOptions, WaitStrategy } from "./resources/jobs/wait-options.js";
export type { Logger, RetryInfo, SieveClientOptions } from "./core/config/client-options.js";
export type { RequestOptions } from "./core/request/request-options.js";

export { SieveError } from "./core/errors/sieve-error.js";
export { SieveApiError } from "./core/errors/sieve-api-error.js";
export { SieveAuthenticationError } from "./core/errors/sieve-authentication-error.js";
export { SieveBadRequestError } from "./core/errors/sieve-bad-request-error.js";
export { SieveNotFoundError } from "./core/errors/sieve-not-found-error.js";
export { SievePaymentRequiredError } from "./core/errors/sieve-payment-required-error.js";
export { SievePermissionError } from "./core/errors/sieve-permission-error.js";
export { SieveRateLimitError } from "./core/errors/sieve-rate-limit-error.js";
export { SieveResponseTooLargeError } from "./core/errors/sieve-response-too-large-error.js";
export { SieveServerError } from "./core/errors/sieve-server-error.js";
export { SieveValidationError } from "./core/errors/sieve-validation-error.js";
export { SieveConfigError } from "./core/errors/sieve-config-error.js";
export { SieveConnectionError } from "./core/errors/sieve-connection-error.js";
export { SieveInputError } from "./core/errors/sieve-input-error.js";
export { SieveTimeoutError } from "./core/errors/sieve-timeout-error.js";
export { SieveJobFailedError } from "./core/errors/sieve-job-failed-error.js";
export { SieveJobCancelledError } from "./core/errors/sieve-job-cancelled-error.js";
export { SieveWaitTimeoutError } from "./core/errors/sieve-wait-timeout-error.js";
export {
  SieveRunAbortedError,
  type CancelOutcome,
  type RunStopReason,
} from "./core/errors/sieve-run-aborted-error.js";
export { SieveCallbackError } from "./core/errors/sieve-callback-error.js";
export { SieveInternalError } from "./core/errors/sieve-internal-error.js";
export { SieveRequestError } from "./core/errors/sieve-request-error.js";
export { SievePageError } from "./core/errors/sieve-page-error.js";
export { VERSION } from "./core/version.js";

export {
  buildStatusValues,
  editFunctionRequestVisibilityValues,
  knownJobStatusValues,
  webhookEventTypeValues,
} from "../generated/sieve.js";
export type {
  BuildStatus,
  CancelJobResponse,
  ComputeAvailability,
  Concurrency,
  ConcurrencyChunk,
  Credits,
  DetailedUsage,
  EditFunctionRequest,
  EditFunctionVersionRequest,
  EnvironmentVariable,
  ErrorDetail,
  Function,
  Function as SieveFunction,
  FunctionIO,
  FunctionVersion,
  HTTPValidationError,
  Job,
  JobCost,
  JobOutput,
  JobPage,
  JobRestart,
  JobStatus,
  KnownJobStatus,
  LogGroup,
  LogLabels,
  LogLine,
  LogsResponse,
  MachineTypeUsage,
  NullableMachineTypeUsage,
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
export { checkPushRequest } from "./core/validation/push-request.js";
export { webhookEventKey } from "./webhooks/webhook-event-key.js";
export { jobOutputs } from "./resources/jobs/job-outputs.js";
export { logLines } from "./resources/jobs/log-lines.js";
