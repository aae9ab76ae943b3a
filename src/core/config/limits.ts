/** The default `maxResponseBytes`: 32 MiB, far above any page or job the API returns. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * Long-polls a client keeps open at once by default: on the Node entry, room left in its agent's
 * 128 connections per origin for the other calls; with a `fetch`, under the 6 connections per
 * origin a browser opens over HTTP/1.1.
 */
export const DEFAULT_MAX_LONG_POLLS = { undici: 96, fetch: 4 } as const;
