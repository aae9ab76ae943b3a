import type { TLSSocket } from "node:tls";
import { Agent, buildConnector } from "undici";

/** Sockets per origin: backpressure, not a socket storm; more requests queue in undici's pool. */
const MAX_CONNECTIONS_PER_ORIGIN = 128;
/**
 * Requests one HTTP/2 connection carries at once: the streams servers commonly allow (Google's
 * front ends 100, nginx 128). Past it the pool opens another connection.
 */
export const HTTP2_STREAMS_PER_CONNECTION = 100;

const agents: { http1?: Agent; http2?: Agent } = {};

/**
 * The agent every client of the process shares for its protocol: keep-alive connection pools
 * per origin, idle sockets that do not keep the process alive. With `http2`, each connection
 * speaks HTTP/2 (ALPN over TLS, prior knowledge over cleartext) and carries up to
 * `HTTP2_STREAMS_PER_CONNECTION` requests at once, so thousands of held long-polls share a few
 * dozen connections instead of one each.
 */
export function sharedAgent(http2: boolean): Agent {
  if (http2) return (agents.http2 ??= new Agent({ ...COMMON, ...http2Settings() }));
  return (agents.http1 ??= new Agent(COMMON));
}

const COMMON = {
  keepAliveTimeout: 10_000,
  connections: MAX_CONNECTIONS_PER_ORIGIN,
  // undici's own 300 s limit would cut the `await` long-poll (held up to 10 minutes) short;
  // every request already has the client's time limit (the transport's attempt timer).
  headersTimeout: 0,
};

/** Made with the first HTTP/2 agent: a client that never asks for one builds no connector. */
const http2Settings = () => ({
  allowH2: true,
  // undici multiplexes HTTP/2 streams only up to `pipelining` per connection (default 1).
  pipelining: HTTP2_STREAMS_PER_CONNECTION,
  connect: http2OnlyConnector(),
});

/**
 * Connects for HTTP/2 only: over TLS it refuses a server that does not pick `h2` in ALPN,
 * because `pipelining` would otherwise queue requests behind each other on an HTTP/1.1
 * connection; over cleartext it speaks HTTP/2 at once (h2c, prior knowledge).
 */
function http2OnlyConnector(): buildConnector.connector {
  // `useH2c` is in undici's connector but not in its types.
  const connect = buildConnector({ allowH2: true, useH2c: true } as buildConnector.BuildOptions);
  return (options, callback) =>
    connect(options, (error, socket) => {
      if (
        error ||
        options.protocol !== "https:" ||
        (socket as TLSSocket | null)?.alpnProtocol === "h2"
      ) {
        return error ? callback(error, null) : callback(null, socket!);
      }
      socket?.destroy();
      callback(new Http2RefusedError(options.hostname), null);
    });
}

/** The server did not agree to HTTP/2 in the TLS handshake. */
class Http2RefusedError extends Error {
  readonly code = "SIEVE_HTTP2_REFUSED";
  constructor(host: string) {
    super(
      `${host} did not agree to HTTP/2 in the TLS handshake (ALPN); the client was created with ` +
        `http2: true, which needs a server that speaks HTTP/2. Leave http2 off for this server.`,
    );
    this.name = "Http2RefusedError";
  }
}
