/** The default `maxResponseBytes`: 32 MiB, far above any page or job the API returns. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * Long-polls a client keeps open at once by default: on the Node entry, room left in its agent's
 * 128 connections per origin for the other calls; with a `fetch`, under the 6 connections per
 * origin a browser opens over HTTP/1.1; over HTTP/2, most of 128 connections of 100 streams.
 */
export const DEFAULT_MAX_LONG_POLLS = { undici: 96, fetch: 4, http2: 10_000 } as const;
