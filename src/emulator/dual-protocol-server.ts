import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import {
  constants as http2Constants,
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from "node:http2";
import { createServer as createNetServer, type Server, type Socket } from "node:net";

/** A request the emulator answers: HTTP/1.1 or HTTP/2 (Node's compatibility API). */
export type EmulatorRequest = IncomingMessage | Http2ServerRequest;
/** The response to an `EmulatorRequest`. */
export type EmulatorResponse = ServerResponse | Http2ServerResponse;

/** The first bytes of HTTP/2's connection preface: no HTTP/1.1 method is `PRI`. */
const HTTP2_PREFACE_START = "PRI ";

/**
 * Streams one connection of HTTP/2 may carry at once: what servers commonly announce (nginx 128,
 * Google's front ends 100), so a client meets the emulator's limit where it would meet Sieve's.
 */
export const EMULATOR_MAX_CONCURRENT_STREAMS = 100;

/** One listening port for both protocols, and how to end every connection it accepted. */
export interface DualProtocolServer {
  server: Server;
  /** Destroys every connection: HTTP/1.1 keep-alive sockets, HTTP/2 sessions, unread ones. */
  destroyConnections(): void;
}

/**
 * A server that answers HTTP/1.1 and cleartext HTTP/2 with prior knowledge (h2c) on the same
 * port, with one listener for both. It reads each connection's first bytes to choose: a client
 * that opens with HTTP/2's preface gets an HTTP/2 session, any other an HTTP/1.1 parser.
 */
export function createDualProtocolServer(
  listener: (req: EmulatorRequest, res: EmulatorResponse) => void,
): DualProtocolServer {
  const http1 = createHttpServer(listener);
  http1.on("clientError", (_error, socket) => socket.destroy());
  const http2 = createHttp2Server(
    { settings: { maxConcurrentStreams: EMULATOR_MAX_CONCURRENT_STREAMS } },
    listener,
  );
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    // A connection reset before its first byte must not become an uncaught error.
    socket.on("error", () => socket.destroy());
    handOver(socket, (isHttp2) => (isHttp2 ? http2 : http1).emit("connection", socket));
  });
  return {
    server,
    destroyConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** Waits for enough of the first bytes to tell the protocols apart, puts them back, and calls `to`. */
function handOver(socket: Socket, to: (isHttp2: boolean) => void): void {
  const onReadable = () => {
    const buffered = socket.read() as Buffer | null;
    if (buffered === null) return;
    socket.unshift(buffered);
    const head = buffered.subarray(0, HTTP2_PREFACE_START.length).toString("latin1");
    if (head.length < HTTP2_PREFACE_START.length && HTTP2_PREFACE_START.startsWith(head)) return;
    socket.off("readable", onReadable);
    to(head === HTTP2_PREFACE_START);
  };
  socket.on("readable", onReadable);
}

/**
 * Ends one exchange as a broken connection would: on HTTP/1.1 the socket is destroyed, on
 * HTTP/2 only this request's stream is reset, as the other streams of the session are other
 * requests.
 */
export function breakExchange(req: EmulatorRequest): void {
  if ("stream" in req) req.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
  else req.socket.destroy();
}
