import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

/**
 * Runs a full garbage collection, so that one contender's garbage is not collected on the next
 * one's time. Works without `--expose-gc` on the command line (`npm run bench` cannot pass it
 * through tsx): the flag is set at run time and `gc` read from a fresh context.
 *
 * @example
 * forceGc();
 * const before = process.memoryUsage().rss;
 */
export function forceGc(): void {
  if (!collect) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
}
