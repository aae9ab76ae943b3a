import type { RequestTarget } from "../errors/sieve-connection-error.js";

/**
 * The request each buffered response answered. The transport rebuilds every response (to read
 * its body inside the attempt's time limit), which empties `response.url`; errors built later
 * from the response read the method and URL back from here.
 */
const targets = new WeakMap<Response, RequestTarget>();

/** Records which request `response` answered. */
export function rememberTarget(response: Response, target: RequestTarget): void {
  targets.set(response, target);
}

/**
 * The method and URL of the request that `response` answered, as well as it is known.
 *
 * @example
 * const { method, url } = targetOf(response);
 */
export function targetOf(response: Response): RequestTarget {
  return targets.get(response) ?? { method: "GET", url: response.url };
}
