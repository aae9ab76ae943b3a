import type { IncomingHttpHeaders } from "node:http";
import { detailReply, type Reply } from "./http-reply.js";
import { SieveConfigError } from "../index.js";

const ALLOW_METHODS = "GET, POST, DELETE, OPTIONS";
/** What the client sends besides the safelisted headers (browsers that let it set User-Agent). */
const ALLOW_HEADERS = ["Content-Type", "X-API-Key", "User-Agent"];
/** The headers the client reads that a page could not read otherwise. */
const EXPOSE_HEADERS = "Retry-After, Retry-After-Ms, Allow";
const MAX_AGE_SECONDS = "600";
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The emulator's CORS rules (see `EmulatorOptions.cors`): which origins a web page may call it
 * from, the headers every answer to them carries, and the answer to their preflights.
 */
export class CorsPolicy {
  /** Undefined when CORS is off; "any" for `cors: true`. */
  readonly #origins: ReadonlySet<string> | "any" | undefined;

  constructor(option: unknown) {
    if (option === undefined || option === false) return;
    if (option === true) {
      this.#origins = "any";
      return;
    }
    if (!Array.isArray(option)) {
      throw new SieveConfigError(
        `startEmulator: cors must be true, false or a list of origins, got ${typeof option}`,
      );
    }
    this.#origins = new Set(option.map((origin: unknown, index) => checkOrigin(origin, index)));
  }

  /** The CORS headers of every answer to a request: none when off or for an origin not accepted. */
  headersFor(headers: IncomingHttpHeaders): Record<string, string> {
    if (this.#origins === undefined) return {};
    const origin = this.#accepted(headers);
    if (origin === undefined) return { vary: "Origin" };
    return {
      vary: "Origin",
      "access-control-allow-origin": origin,
      "access-control-expose-headers": EXPOSE_HEADERS,
    };
  }

  /**
   * The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`) when CORS is on:
   * 204 with what the origin may send, or 403 for an origin not accepted. Undefined otherwise.
   */
  preflight(method: string, headers: IncomingHttpHeaders): Reply | undefined {
    if (this.#origins === undefined || method !== "OPTIONS") return undefined;
    if (headers["access-control-request-method"] === undefined) return undefined;
    if (this.#accepted(headers) === undefined) {
      const origin = headers.origin === undefined ? "no origin" : `the origin ${headers.origin}`;
      return detailReply(403, `CORS: ${origin} is not one of this emulator's cors origins.`);
    }
    const reply: Reply = {
      status: 204,
      headers: {
        vary: "Origin, Access-Control-Request-Headers",
        "access-control-allow-methods": ALLOW_METHODS,
        "access-control-allow-headers": allowedHeaders(headers["access-control-request-headers"]),
        "access-control-max-age": MAX_AGE_SECONDS,
      },
      body: "",
    };
    if (headers["access-control-request-private-network"] === "true") {
      reply.headers["access-control-allow-private-network"] = "true";
    }
    return reply;
  }

  #accepted(headers: IncomingHttpHeaders): string | undefined {
    const { origin } = headers;
    if (origin === undefined || this.#origins === undefined) return undefined;
    return this.#origins === "any" || this.#origins.has(origin) ? origin : undefined;
  }
}

/** `Content-Type, X-API-Key, User-Agent` and any other well-formed name the preflight asks for. */
function allowedHeaders(requested: string | undefined): string {
  const names = [...ALLOW_HEADERS];
  const known = new Set(names.map((name) => name.toLowerCase()));
  for (const raw of (requested ?? "").split(",")) {
    const name = raw.trim();
    if (!HEADER_NAME.test(name) || known.has(name.toLowerCase())) continue;
    known.add(name.toLowerCase());
    names.push(name);
  }
  return names.join(", ");
}

/** An origin as browsers send it (`scheme://host[:port]`, or `null`), from one of `cors`. */
function checkOrigin(origin: unknown, index: number): string {
  if (origin === "null") return origin;
  let url: URL | undefined;
  try {
    url = typeof origin === "string" ? new URL(origin) : undefined;
  } catch {
    url = undefined;
  }
  if (url && url.origin !== "null" && url.href === `${url.origin}/`) return url.origin;
  const hint = origin === "*" ? "; for any origin write cors: true" : "";
  throw new SieveConfigError(
    `startEmulator: cors[${index}] must be an origin such as "http://localhost:5173" ` +
      `(scheme, host and port, no path), got ${JSON.stringify(origin)}${hint}`,
  );
}
