import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * The `gc()` of `--expose-gc`, obtained without that flag: V8's flag is set at run time, and a
 * new context then gets `gc` as a global. Lets the soak test settle the heap without a change to
 * how vitest starts its workers.
 *
 * @example
 * const gc = exposeGc();
 * gc();
 */
export function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return existing;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/**
 * `heapUsed` in MB once the heap has settled: full collections, with a turn of the event loop
 * between them so that closed sockets and finished promises can be let go.
 *
 * @example
 * const before = await settledHeapMb();
 */
export async function settledHeapMb(): Promise<number> {
  const gc = exposeGc();
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed / 1024 / 1024;
}
