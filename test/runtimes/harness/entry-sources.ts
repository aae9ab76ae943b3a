/**
 * The entry scripts that load the packed package by its name, `sieve-client`, and hand it to the
 * smoke flow. They are generated JavaScript because the repository's own type check cannot
 * resolve the package by name (dist/ is not built then); esbuild bundles each with the flow.
 */
import { fileURLToPath } from "node:url";

/** The flow's source: esbuild compiles it into each entry. */
const FLOW = fileURLToPath(new URL("../flow/smoke-flow.ts", import.meta.url));

const IMPORTS =
  `import * as sieve from "sieve-client";\n` +
  `import { runSmokeFlow } from ${JSON.stringify(FLOW)};\n`;

/**
 * For Node, Bun and Deno: reads the flow's config (JSON) from the first argument, runs the flow
 * with the entry the runtime resolved, and prints the result as one JSON line.
 */
export const commandLineEntry =
  IMPORTS +
  `const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);\n` +
  `const resolved = import.meta.resolve("sieve-client");\n` +
  `const result = await runSmokeFlow(sieve, JSON.parse(args[0]), resolved);\n` +
  `console.log(JSON.stringify(result));\n`;

/** For a page: exposes the flow as `globalThis.runSmokeFlow(config)`. */
export const browserEntry =
  IMPORTS + `globalThis.runSmokeFlow = (config) => runSmokeFlow(sieve, config);\n`;

/** For workerd: a Worker whose fetch handler runs the flow with the POSTed config. */
export const workerEntry =
  IMPORTS +
  `export default {\n` +
  `  async fetch(request) {\n` +
  `    return Response.json(await runSmokeFlow(sieve, await request.json()));\n` +
  `  },\n` +
  `};\n`;
