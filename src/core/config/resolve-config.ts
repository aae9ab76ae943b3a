import { SieveConfigError } from "../errors/sieve-config-error.js";
import { keysOf } from "../validation/keys-of.js";
import { BOOLEAN, BYTES, COUNT, FUNCTION, MILLISECONDS, checkOption } from "../validation/rules.js";
import type { Logger, RetryInfo, SieveClientOptions } from "./client-options.js";
import { isLoopbackHost } from "../utils/is-loopback-host.js";
import { isBrowser } from "../utils/is-browser.js";
import type { FetchLike } from "./client-options.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./limits.js";
import { DEFAULT_USER_AGENT } from "./user-agent.js";

/** The client's settings once defaults are applied and every value is checked. */
export interface ResolvedConfig {
  apiKey: string;
  /** Without a trailing slash. */
  baseUrl: string;
  maxRetries: number;
  maxRetryDelayMs: number;
  timeoutMs: number;
  /** The most decoded bytes of one response body. */
  maxResponseBytes: number;
  /** The long-polls the client keeps open at once; undefined for the sender's default. */
  maxLongPolls: number | undefined;
  /** Whether the server speaks HTTP/2 (`http2`). */
  http2: boolean;
  fetch: FetchLike;
  /** Default headers: User-Agent, the caller's extras and `X-API-Key`. */
  headers: Record<string, string>;
  onRetry: ((info: RetryInfo) => void) | undefined;
  logger: Logger | undefined;
}

export const DEFAULT_BASE_URL = "https://mango.sievedata.com/v2";
const OPTION_NAMES = keysOf<SieveClientOptions>()([
  "apiKey",
  "baseUrl",
  "allowInsecureHttp",
  "maxRetries",
  "maxRetryDelayMs",
  "timeoutMs",
  "maxResponseBytes",
  "maxLongPolls",
  "http2",
  "fetch",
  "headers",
  "onRetry",
  "logger",
  "dangerouslyAllowBrowser",
]);

/**
 * Applies defaults (`SIEVE_API_KEY`, `SIEVE_API_URL`, 2 retries, 60 s, 32 MiB bodies) and checks every option,
 * throwing `SieveConfigError` with the fix for the first one that is wrong.
 */
export function resolveConfig(
  options: SieveClientOptions = {},
  env: Record<string, string | undefined> = readProcessEnv(),
): ResolvedConfig {
  if (typeof options !== "object" || options === null)
    throw new SieveConfigError("createSieveClient takes an options object.");
  for (const key of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key)) {
      throw new SieveConfigError(
        `Unknown option "${key}". Known options: ${OPTION_NAMES.join(", ")}.`,
      );
    }
  }
  const allowBrowser = checkOption(
    "dangerouslyAllowBrowser",
    options.dangerouslyAllowBrowser,
    BOOLEAN,
  );
  if (isBrowser() && allowBrowser !== true) {
    throw new SieveConfigError(
      "createSieveClient is running in a browser, where the API key would be readable by anyone " +
        "who opens the page (and could spend your credits). Call Sieve from your backend and let " +
        "the page talk to it. If every user of this page may hold the key anyway, pass " +
        "dangerouslyAllowBrowser: true.",
    );
  }
  const apiKey = resolveApiKey(options.apiKey ?? env.SIEVE_API_KEY);
  const baseUrl = resolveBaseUrl(
    options.baseUrl ?? env.SIEVE_API_URL ?? DEFAULT_BASE_URL,
    options.allowInsecureHttp === true,
  );
  const fetch = resolveFetch(options.fetch);
  checkOption("onRetry", options.onRetry, FUNCTION);
  return {
    apiKey,
    baseUrl,
    maxRetries: checkOption("maxRetries", options.maxRetries, COUNT) ?? 2,
    maxRetryDelayMs:
      checkOption("maxRetryDelayMs", options.maxRetryDelayMs, MILLISECONDS) ?? 60_000,
    timeoutMs: checkOption("timeoutMs", options.timeoutMs, MILLISECONDS) ?? 60_000,
    maxResponseBytes:
      checkOption("maxResponseBytes", options.maxResponseBytes, BYTES) ??
      DEFAULT_MAX_RESPONSE_BYTES,
    maxLongPolls: checkOption("maxLongPolls", options.maxLongPolls, COUNT),
    http2: checkOption("http2", options.http2, BOOLEAN) ?? false,
    fetch,
    headers: resolveHeaders(options.headers, apiKey),
    onRetry: options.onRetry,
    logger: checkLogger(options.logger),
  };
}

function resolveFetch(given: unknown): FetchLike {
  if (given !== undefined) {
    if (typeof given !== "function") {
      throw new SieveConfigError(
        `fetch must be a function with the standard (url, init) => Promise<Response> signature (got ${kindOf(given)}).`,
      );
    }
    return given as FetchLike;
  }
  const fetch: unknown = globalThis.fetch;
  if (typeof fetch !== "function") {
    throw new SieveConfigError(
      "No fetch: this runtime has no global fetch; pass createSieveClient({ fetch }).",
    );
  }
  return fetch as FetchLike;
}

const LOGGER_METHODS = ["debug", "info", "warn", "error"] as const;

/** The logger when it is an object whose present methods are functions (`console` is one). */
function checkLogger(logger: unknown): Logger | undefined {
  if (logger === undefined) return undefined;
  if (typeof logger !== "object" || logger === null) {
    throw new SieveConfigError(
      `logger must be an object with optional debug, info, warn and error methods, such as console (got ${kindOf(logger)}).`,
    );
  }
  for (const name of LOGGER_METHODS) {
    const method = (logger as Record<string, unknown>)[name];
    if (method !== undefined && typeof method !== "function") {
      throw new SieveConfigError(`logger.${name} must be a function (got ${kindOf(method)}).`);
    }
  }
  return logger as Logger;
}

/** What a wrong value is, for a message, without quoting it (it may be a secret). */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  const proto: unknown = typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  const name = (proto as { constructor?: { name?: unknown } } | null | undefined)?.constructor
    ?.name;
  const kind = typeof name === "string" && name !== "" ? name : typeof value;
  return `${/^[aeiou]/i.test(kind) ? "an" : "a"} ${kind === "Object" ? "object" : kind}`;
}

function readProcessEnv(): Record<string, string | undefined> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process;
  return processLike?.env ?? {};
}

function resolveApiKey(apiKey: unknown): string {
  if (
    apiKey === undefined ||
    apiKey === null ||
    (typeof apiKey === "string" && apiKey.trim() === "")
  ) {
    throw new SieveConfigError(
      "No Sieve API key. Pass createSieveClient({ apiKey }) or set the SIEVE_API_KEY environment variable " +
        "(your key is at https://www.sievedata.com/dashboard/settings).",
    );
  }
  if (typeof apiKey !== "string") throw new SieveConfigError("apiKey must be a string.");
  if (/[\r\n\0]/.test(apiKey))
    throw new SieveConfigError("apiKey contains a line break or NUL: check how it was read.");
  const key = apiKey.trim();
  checkHeaderValue(key, "apiKey");
  return key;
}

function resolveBaseUrl(raw: unknown, allowInsecureHttp: boolean): string {
  if (typeof raw !== "string") throw new SieveConfigError("baseUrl must be a string URL.");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SieveConfigError(
      `baseUrl "${raw}" is not an absolute URL, e.g. ${DEFAULT_BASE_URL}.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SieveConfigError(`baseUrl must use https:// (got ${url.protocol}//).`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new SieveConfigError("baseUrl must not hold credentials, a query or a fragment.");
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new SieveConfigError(
      `baseUrl ${url.origin} is plain http:// to a remote host: the API key would cross the network in clear text. ` +
        "Use https://, or pass allowInsecureHttp: true for a trusted network.",
    );
  }
  return url.href.replace(/\/+$/, "");
}

function resolveHeaders(extra: unknown, apiKey: string): Record<string, string> {
  const headers: Record<string, string> = { "User-Agent": DEFAULT_USER_AGENT };
  if (extra !== undefined) {
    if (typeof extra !== "object" || extra === null || Array.isArray(extra)) {
      throw new SieveConfigError(
        `headers must be an object of header names to string values (got ${kindOf(extra)}).`,
      );
    }
    const proto: unknown = Object.getPrototypeOf(extra);
    // Plain: a prototype of null or of some realm's Object.prototype, whose own prototype is null.
    if (proto !== null && Object.getPrototypeOf(proto) !== null) {
      // A Headers or a Map has no own properties: its entries would be silently dropped.
      const kind = kindOf(extra);
      const example = kind === "a Headers" ? "headers" : kind === "a Map" ? "map" : "entries";
      throw new SieveConfigError(
        `headers must be an object of header names to string values, a plain one: ${kind} ` +
          `would be ignored. Pass Object.fromEntries(${example}) instead.`,
      );
    }
    for (const [name, value] of Object.entries(extra)) {
      const shown = `headers[${JSON.stringify(name)}]`;
      if (typeof value !== "string") throw new SieveConfigError(`${shown} must be a string.`);
      const lower = name.toLowerCase();
      if (lower === "x-api-key")
        throw new SieveConfigError('Set the key with the "apiKey" option, not in headers.');
      if (!HEADER_NAME.test(name)) {
        throw new SieveConfigError(
          `${shown}: the name is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only; no space, colon or line break).`,
        );
      }
      if (TRANSPORT_HEADERS.has(lower))
        throw new SieveConfigError(`${shown} cannot be set: the transport manages it.`);
      checkHeaderValue(value, shown);
      if (lower === "user-agent") delete headers["User-Agent"];
      headers[name] = value;
    }
  }
  headers["X-API-Key"] = apiKey;
  return headers;
}

/** An HTTP token (RFC 9110): what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII, space and tab: what every runtime sends unchanged in a header value. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
/** Headers the transport or the runtime sets; a caller's value would break the exchange. */
const TRANSPORT_HEADERS = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "expect",
  "te",
  "trailer",
]);

/** Throws SieveConfigError (never quoting the value: it may be a secret) for what HTTP cannot carry. */
function checkHeaderValue(value: string, shown: string): void {
  if (!HEADER_VALUE.test(value)) {
    throw new SieveConfigError(
      `${shown} cannot be sent as an HTTP header value: it holds a line break, a control character or a character outside printable ASCII.`,
    );
  }
}
