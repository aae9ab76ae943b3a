import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/sieve.js";
import type { Transport } from "../http/transport.js";
import type { RequestOptions } from "../types/request-options.js";
import { createRedactor, type Redactor } from "../utils/redactor.js";
import { toCallInit, type CallInit } from "./call-options.js";
import { unwrapJson, type TextResult } from "./unwrap-response.js";

/** What a resource (jobs, functions) needs from the client that made it. */
export interface ClientContext {
  /** The typed openapi-fetch client, with auth, retries, timeouts and guarded paths. */
  raw: Client<paths>;
  /** The client's per-attempt time limit, in milliseconds. */
  timeoutMs: number;
  /** Checks a call's options and turns them into openapi-fetch init. */
  init(options: RequestOptions | undefined): CallInit;
  /**
   * Parses a 2xx JSON body or throws the typed error. `secrets` are masked in the error besides
   * the API key; `serverFailureNote` is added to a 5xx error's message.
   */
  unwrap<T>(
    pending: Promise<TextResult>,
    extra?: { secrets?: string[]; serverFailureNote?: string },
  ): Promise<T>;
}

/**
 * Builds the context shared by the resources of one client.
 *
 * @example
 * const ctx = createContext(raw, transport, config);
 */
export function createContext(
  raw: Client<paths>,
  transport: Transport,
  config: { apiKey: string; timeoutMs: number },
): ClientContext {
  const { apiKey, timeoutMs } = config;
  const keyRedactor: Redactor = createRedactor([apiKey]);
  return {
    raw,
    timeoutMs,
    init: (options) => toCallInit(options, transport),
    unwrap: (pending, extra) => {
      const redactor = extra?.secrets?.length
        ? createRedactor([apiKey, ...extra.secrets])
        : keyRedactor;
      return unwrapJson(pending, { redactor, serverFailureNote: extra?.serverFailureNote });
    },
  };
}
