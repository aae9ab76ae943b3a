import { Agent } from "undici";

/**
 * The floor of waiting over HTTP/2: a bare undici `Agent` with the client's HTTP/2 settings
 * (128 connections of 100 streams, h2c), one `GET /jobs/{id}/await` per job, asked again after
 * a 408, nothing else: no retries, checks, timers or typed errors. What it costs in memory and
 * CPU is what the transport costs before the client adds anything.
 *
 * @example
 * const wait = bareHttp2Waiter(emulatorUrl, apiKey);
 * const job = await wait(id);
 */
export function bareHttp2Waiter(
  baseUrl: string,
  apiKey: string,
): (jobId: string) => Promise<{ status: string }> {
  const agent = new Agent({
    allowH2: true,
    connect: { useH2c: true } as Agent.Options["connect"],
    pipelining: 100,
    connections: 128,
    keepAliveTimeout: 10_000,
    headersTimeout: 0,
  });
  const { origin, pathname } = new URL(baseUrl);
  const headers = { "x-api-key": apiKey };
  return async (jobId) => {
    for (;;) {
      const path = `${pathname}/jobs/${jobId}/await`;
      const response = await agent.request({ origin, path, method: "GET", headers });
      const body = await response.body.text();
      if (response.statusCode === 200) return JSON.parse(body) as { status: string };
      if (response.statusCode !== 408) throw new Error(`${response.statusCode}: ${body}`);
    }
  };
}
