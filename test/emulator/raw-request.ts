import { request, type IncomingHttpHeaders } from "node:http";

/** What a raw request got back. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or the text when it is not JSON. */
  body: unknown;
}

/**
 * Sends one request with `node:http`, which, unlike fetch, sends the `Host` and `Origin` given
 * (by default it sends `Host: 127.0.0.1:<port>`, as the client does).
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("error", reject);
      res.on("end", () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: keep the text.
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The headers of a browser's preflight from `origin` for `method`. */
export function preflightHeaders(
  origin: string,
  method: string,
  requestHeaders = "content-type, x-api-key",
): Record<string, string> {
  return {
    origin,
    "access-control-request-method": method,
    "access-control-request-headers": requestHeaders,
  };
}
