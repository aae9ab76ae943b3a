/**
 * `node --import ./record-modules.mjs ...`: appends the URL of every module the process loads
 * through the ES module loader (its own files, and each package's entry) to the file named by
 * the environment variable RECORD_MODULES_TO, one per line. It runs as a module hook, in the
 * loader's own thread; registered after tsx, it sees the `.ts` files tsx loads.
 */
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

if (isMainThread) register(import.meta.url);

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  const file = process.env.RECORD_MODULES_TO;
  if (file) appendFileSync(file, `${url}\n`);
  return loaded;
}
