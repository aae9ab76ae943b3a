import { VERSION } from "../version.js";

/**
 * The `User-Agent` the client sends unless the caller sets one, and the only header a redirect
 * to another origin carries.
 *
 * @example
 * DEFAULT_USER_AGENT; // "sieve-client/1.2.3"
 */
export const DEFAULT_USER_AGENT = `sieve-client/${VERSION}`;
