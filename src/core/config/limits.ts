/** The default `maxResponseBytes`: 32 MiB, far above any page or job the API returns. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
