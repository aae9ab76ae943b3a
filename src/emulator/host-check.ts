import { detailReply, type Reply } from "./http-reply.js";
import { SieveConfigError } from "../index.js";

/** Names that always reach this machine, whatever DNS says. */
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
/** A `Host` header: a name, an IPv4 address or a bracketed IPv6 one, then maybe `:port`. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d*)?$/i;
/** What `allowedHosts` may list: a name (`.name` for it and its subdomains) or `[IPv6]`. */
const HOST_NAME = /^(\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/i;

/**
 * Which `Host` headers the emulator answers (see `EmulatorOptions.allowedHosts`): a page that
 * reaches 127.0.0.1 through a name it controls (DNS rebinding) sends that name as `Host`.
 */
export class HostCheck {
  /** Undefined for `allowedHosts: true`. */
  readonly #names: readonly string[] | undefined;

  constructor(option: unknown) {
    if (option === true) return;
    if (option !== undefined && !Array.isArray(option)) {
      throw new SieveConfigError(
        `startEmulator: allowedHosts must be true or a list of host names, got ${typeof option}`,
      );
    }
    this.#names = (option ?? []).map((name: unknown, index) => {
      if (typeof name === "string" && HOST_NAME.test(name)) return name.toLowerCase();
      throw new SieveConfigError(
        `startEmulator: allowedHosts[${index}] must be a host name without scheme or port ` +
          `("sieve.test", or ".sieve.test" for it and its subdomains), got ${JSON.stringify(name)}`,
      );
    });
  }

  /** A 403 that says why, for a request whose `Host` is not answered; undefined when it is. */
  refuse(host: string | undefined): Reply | undefined {
    if (this.#names === undefined) return undefined;
    const name = host === undefined ? undefined : HOST_HEADER.exec(host)?.[1]?.toLowerCase();
    if (name !== undefined && this.#accepts(name)) return undefined;
    const what = host === undefined ? "A request without a Host header" : `Host "${host}"`;
    const fix =
      name === undefined
        ? ""
        : ` To answer it, start the emulator with allowedHosts: ["${name}"] (CLI: --allow-host ${name}).`;
    return detailReply(
      403,
      `${what} is not allowed: the emulator answers only loopback hosts (127.0.0.1, localhost, ` +
        `[::1]) and its allowedHosts, so that no web page can reach it through DNS rebinding.${fix}`,
    );
  }

  #accepts(name: string): boolean {
    if (LOOPBACK.has(name) || name.endsWith(".localhost")) return true;
    return (this.#names ?? []).some((allowed) =>
      allowed.startsWith(".")
        ? name === allowed.slice(1) || name.endsWith(allowed)
        : name === allowed,
    );
  }
}
