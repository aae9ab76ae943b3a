/**
 * `npm start`: the main job. Without SIEVE_API_KEY it starts the local emulator with two demo
 * functions and, through the real client: pushes a job, prints its status as it changes and
 * each output as it streams in, then runs a job that fails and prints why. No key, no network.
 *
 * With SIEVE_API_KEY set it runs the same flow against the real API:
 *   SIEVE_API_KEY=... npm start -- --function sieve/dubbing --input target_language=spanish \
 *     --input file:='{"url":"https://example.com/talk.mp4"}'
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { demoFunctions, startEmulator } from "../src/emulator/index.js";
import {
  createSieveClient,
  SieveError,
  SieveInputError,
  SieveJobFailedError,
  jobOutputs,
  type SieveClient,
} from "../src/node.js";

const { values } = parseArgs({
  options: { function: { type: "string" }, input: { type: "string", multiple: true } },
});

const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

/**
 * The `--input` arguments as a push's `inputs`, the way the CLI reads them: `key=value` is a
 * string, `key:=json` a JSON value, `key=@file.json` the JSON in that file.
 */
function parseInputs(args: readonly string[]): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const arg of args) {
    const [, key, json, value] = /^([^=]*?)(:?)=(.*)$/s.exec(arg) ?? [];
    if (!key || value === undefined)
      throw new SieveInputError(
        "--input",
        `expected key=value, key:=json or key=@file.json, got "${arg}"`,
      );
    if (json) inputs[key] = JSON.parse(value);
    else if (value.startsWith("@")) inputs[key] = JSON.parse(readFileSync(value.slice(1), "utf8"));
    else inputs[key] = value;
  }
  return inputs;
}

async function runDemo(
  sieve: SieveClient,
  fn: string,
  inputs: Record<string, unknown>,
): Promise<void> {
  const { id } = await sieve.jobs.push({ function: fn, inputs });
  log(`pushed ${fn}: job ${id}`);
  const waiting = sieve.jobs.wait(id, {
    intervalMs: 200,
    onStatus: (job) => log(`status: ${job.status}`),
  });
  waiting.catch(() => undefined); // reported below, after the outputs
  let count = 0;
  for await (const output of sieve.jobs.outputs(id, { intervalMs: 200 })) {
    log(`output ${++count}: ${JSON.stringify(output.data)}`);
  }
  const job = await waiting;
  log(`finished with ${jobOutputs(job).length} output(s)`);
}

async function runFailing(sieve: SieveClient, fn: string): Promise<void> {
  try {
    await sieve.jobs.run(
      { function: fn, inputs: {} },
      { intervalMs: 200, onStatus: (job) => log(`status: ${job.status}`) },
    );
  } catch (error) {
    if (!(error instanceof SieveJobFailedError)) throw error;
    log(`${fn} failed as expected: ${error.jobError}`);
  }
}

async function main(): Promise<void> {
  const apiKey = process.env.SIEVE_API_KEY;
  if (apiKey) {
    const fn = values.function ?? "sieve/dubbing";
    log(`running ${fn} on the real Sieve API`);
    await runDemo(createSieveClient({ apiKey }), fn, parseInputs(values.input ?? []));
    return;
  }
  const emulator = await startEmulator({ functions: demoFunctions });
  log(`local Sieve emulator at ${emulator.url} (set SIEVE_API_KEY to use the real API)`);
  try {
    const sieve = createSieveClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    const inputs = values.input?.length
      ? parseInputs(values.input)
      : { file: { url: "https://example.com/talk.mp4" }, target_language: "spanish" };
    await runDemo(sieve, values.function ?? "demo/dubbing", inputs);
    await runFailing(sieve, "demo/broken");
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof SieveError ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
