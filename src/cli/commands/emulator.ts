import type { Emulator, EmulatorOptions } from "../../emulator/index.js";
import type { CommandSpec } from "../lib/command-spec.js";
import { createSieveClient, SieveConfigError } from "../../node.js";
import { CliError, UsageError } from "../lib/errors.js";
import { ExitCode } from "../lib/exit-codes.js";
import { commandInfo } from "./catalog.js";

/**
 * `emulator [--port N] [--cors] [--allow-host name]...`: serves the local emulator with the
 * demo functions until SIGINT or SIGTERM. stdout gets `SIEVE_API_URL=...` and
 * `SIEVE_API_KEY=...` (or one JSON document).
 */
export const emulatorCommand: CommandSpec = {
  ...commandInfo.emulator,
  async run(ctx) {
    const { screen } = ctx;
    checkEmulatorKey(ctx.global.apiKey);
    const interrupt = ctx.io.onInterrupt();
    try {
      const { port: given, cors, allowHosts } = ctx.options;
      const { emulator, functions } = await start({
        port: given,
        apiKey: ctx.global.apiKey,
        cors,
        allowedHosts: allowHosts.length > 0 ? allowHosts : undefined,
      });
      const { url, apiKey, port } = emulator;
      ctx.emit({ url, apiKey, port, functions }, () => [
        `SIEVE_API_URL=${url}`,
        `SIEVE_API_KEY=${apiKey}`,
      ]);
      screen.err(`Sieve emulator listening on ${url}, serving ${functions.join(", ")}. Try:`);
      screen.err(
        `  npx sieve-client run demo/dubbing --input target_language=spanish --base-url ${url} --api-key ${shellQuote(apiKey)}`,
      );
      if (cors) screen.err("CORS is on: web pages of any origin may call it.");
      screen.err("Ctrl-C stops it.");
      await untilAborted(interrupt.signal);
      await emulator.close();
      screen.err("emulator stopped");
      return ExitCode.ok;
    } finally {
      interrupt.dispose();
    }
  },
};

/**
 * Refuses an `--api-key` the client would not send as given: empty, blank, with spaces around
 * it (the client trims them), or not a valid header value. The emulator would accept only that
 * key, so the command line it prints could never reach it.
 */
export function checkEmulatorKey(apiKey: string | undefined): void {
  if (apiKey === undefined) return;
  if (apiKey.trim() === "") throw new UsageError("--api-key must not be empty", "emulator");
  if (apiKey !== apiKey.trim())
    throw new UsageError("--api-key must not start or end with spaces", "emulator");
  try {
    createSieveClient({ apiKey, baseUrl: "http://127.0.0.1/v2" });
  } catch (error) {
    if (error instanceof SieveConfigError)
      throw new UsageError(
        `--api-key is not a key the client can send: ${error.message}`,
        "emulator",
      );
    throw error;
  }
}

/** `text` as one shell word. */
function shellQuote(text: string): string {
  return /^[\w./:=@+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Loads the emulator only for this command, so that the others start faster. */
async function start(
  options: EmulatorOptions,
): Promise<{ emulator: Emulator; functions: string[] }> {
  const { startEmulator, demoFunctions } = await import("../../emulator/index.js");
  try {
    const emulator = await startEmulator({ ...options, functions: demoFunctions });
    return { emulator, functions: Object.keys(demoFunctions) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
      throw new CliError(
        `port ${options.port} is already in use (try another --port)`,
        ExitCode.usage,
        { cause: error },
      );
    // The other flags are checked before; what is left is a bad --allow-host.
    if (error instanceof SieveConfigError && error.message.includes("allowedHosts"))
      throw new UsageError(
        `--allow-host: ${error.message.replace(/^startEmulator: allowedHosts\[\d+\] /, "")}`,
        "emulator",
      );
    throw error;
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
