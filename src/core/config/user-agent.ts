import { VERSION } from "../version.js";

/**
 * The `User-Agent` the client sends unless the caller sets one, and the only header a redirect
 * to another origin carries.
 */
export const DEFAULT_USER_AGENT = `sieve-client/${VERSION}`;
