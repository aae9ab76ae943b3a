/**
 * This package's version, sent in the User-Agent. A test keeps it equal to package.json's.
 *
 * @example
 * import { VERSION } from "sieve-client";
 * console.log(`sieve-client ${VERSION}`);
 */
export const VERSION = "0.1.0";
