import type { CommandSpec } from "../lib/command-spec.js";
import { commandInfo, type CommandInfo } from "./catalog.js";

/**
 * Every command of `sieve-client`, in the order of its help. Each loads its own module, and so
 * the client (or the emulator), only when it runs: `--help`, `--version` and a usage error load
 * neither.
 */
export const commands: readonly CommandSpec[] = [
  lazy(commandInfo.run, async () => (await import("./run.js")).runCommand),
  lazy(commandInfo.batch, async () => (await import("./batch.js")).batchCommand),
  lazy(commandInfo.push, async () => (await import("./jobs.js")).pushCommand),
  lazy(commandInfo.get, async () => (await import("./jobs.js")).getCommand),
  lazy(commandInfo.wait, async () => (await import("./wait.js")).waitCommand),
  lazy(commandInfo.list, async () => (await import("./jobs.js")).listCommand),
  lazy(commandInfo.cancel, async () => (await import("./jobs.js")).cancelCommand),
  lazy(commandInfo.logs, async () => (await import("./logs.js")).logsCommand),
  lazy(commandInfo.cost, async () => (await import("./account.js")).costCommand),
  lazy(
    commandInfo.functionsList,
    async () => (await import("./functions.js")).functionsListCommand,
  ),
  lazy(commandInfo.function, async () => (await import("./functions.js")).functionCommand),
  lazy(commandInfo.versions, async () => (await import("./functions.js")).versionsCommand),
  lazy(commandInfo.version, async () => (await import("./functions.js")).versionCommand),
  lazy(commandInfo.functionJobs, async () => (await import("./functions.js")).functionJobsCommand),
  lazy(commandInfo.usage, async () => (await import("./account.js")).usageCommand),
  lazy(commandInfo.concurrency, async () => (await import("./account.js")).concurrencyCommand),
  lazy(commandInfo.emulator, async () => (await import("./emulator.js")).emulatorCommand),
];

/** `info` with a `run` that loads the command's spec, then runs it. */
function lazy(info: CommandInfo, load: () => Promise<CommandSpec>): CommandSpec {
  return { ...info, run: async (ctx) => (await load()).run(ctx) };
}
