import { buildUrl } from "../http/build-url.js";
import type { HttpRequest, Sender } from "../http/http-types.js";
import type { RetryPolicy } from "../http/retry-decision.js";
import { createRetryReporter } from "../http/retry-reporter.js";
import type { Transport } from "../http/transport.js";
import type { Logger, RetryInfo } from "../config/client-options.js";
import type { RequestOptions } from "./request-options.js";
import { createRedactor, type Redactor } from "../utils/redactor.js";
import { untilAborted } from "../utils/until-aborted.js";
import { checkCallOptions } from "./call-options.js";
import type {
  HttpMethod,
  Operation,
  OperationInput,
  OperationResult,
  PathWith,
} from "./operation-types.js";
import { parseResult } from "./parse-result.js";
import { responseShape } from "./response-shape.js";

/** What the resources (jobs, functions) need from the client that made them. */
export interface ClientContext {
  /** The client's per-attempt time limit, in milliseconds. */
  timeoutMs: number;
  /** How many `await` long-polls the client keeps open at once (`maxLongPolls`). */
  maxLongPolls: number;
  /** The client's retry policy, which the job poll loops apply as the transport does. */
  retryPolicy: RetryPolicy;
  /**
   * Calls one operation of the spec and returns its typed 200 body, checked to have the shape
   * the operation returns (`response-shape.ts`), or throws the typed error. `secrets` are
   * masked in errors besides the API key; `serverFailureNote` is added to a 5xx, to a 3xx that
   * was not followed and to a 2xx that cannot be read. Once `stopRetrying` aborts, no further
   * attempt is sent and a retry sleep ends at once: the call ends with the last answer or
   * failure, as when its retries run out (the attempt in flight goes on).
   */
  call<M extends HttpMethod, P extends PathWith<M>>(
    method: M,
    path: P,
    input: OperationInput<Operation<P, M>>,
    options: RequestOptions | undefined,
    extra?: { secrets?: string[]; serverFailureNote?: string; stopRetrying?: AbortSignal },
  ): Promise<OperationResult<Operation<P, M>>>;
  /**
   * Tells the caller's `logger.warn` and `onRetry` about a transient failure a loop (wait, run,
   * outputs) will poll through, as the transport does for its own retries. Never throws: what
   * the observers throw or reject with is ignored.
   */
  reportRetry(info: RetryInfo): void;
  /**
   * Resolves once the sender can send: at once, but for the Node entry's first request, which
   * loads undici. A call with a time limit of its own (`jobs.run`, `jobs.wait`) starts its clock
   * after it, as each attempt does, so the load counts against no limit. Never rejects: an abort
   * resolves it at once, and a failed load is for the call's first request to report.
   */
  senderReady(signal: AbortSignal | undefined): Promise<void>;
}

/**
 * Builds the context shared by the resources of one client: URLs from the spec's templates,
 * default headers, the transport, and parsing into typed results or errors.
 */
export function createContext(
  transport: Transport,
  config: {
    apiKey: string;
    baseUrl: string;
    timeoutMs: number;
    maxRetryDelayMs: number;
    maxLongPolls: number;
    headers: Record<string, string>;
    logger?: Logger | undefined;
    onRetry?: ((info: RetryInfo) => void) | undefined;
    ready?: Sender["ready"];
  },
): ClientContext {
  const { apiKey, baseUrl, timeoutMs } = config;
  const reporter = createRetryReporter(config);
  const keyRedactor: Redactor = createRedactor([apiKey]);
  const jsonHeaders = { ...config.headers, "Content-Type": "application/json" };
  return {
    timeoutMs,
    maxLongPolls: config.maxLongPolls,
    retryPolicy: { maxRetryDelayMs: config.maxRetryDelayMs },
    reportRetry: (info) => reporter.retry(info),
    async senderReady(signal) {
      if (signal?.aborted) return;
      const loading = config.ready?.();
      if (loading) await untilAborted(loading, signal).catch(() => undefined);
    },
    async call(method, path, input, options, extra) {
      const { signal, limits } = checkCallOptions(options);
      const url = buildUrl(
        baseUrl,
        path,
        input.path,
        input.query as Record<string, unknown> | undefined,
      );
      const body = input.body === undefined ? undefined : JSON.stringify(input.body);
      const request: HttpRequest = {
        method: method.toUpperCase(),
        url,
        headers: body === undefined ? config.headers : jsonHeaders,
        body,
      };
      const secrets = extra?.secrets;
      const stopRetrying = extra?.stopRetrying;
      const response = await transport(
        request,
        signal,
        secrets || stopRetrying
          ? {
              ...limits,
              ...(secrets ? { secrets } : {}),
              ...(stopRetrying ? { stopRetrying } : {}),
            }
          : limits,
      );
      const redactor = extra?.secrets?.length
        ? createRedactor([apiKey, ...extra.secrets])
        : keyRedactor;
      return parseResult(request, response, {
        redactor,
        serverFailureNote: extra?.serverFailureNote,
        shape: responseShape(method, path),
      });
    },
  };
}
