import type { CommandSpec } from "../lib/command-spec.js";
import { batchCommand } from "./batch.js";
import { emulatorCommand } from "./emulator.js";
import { concurrencyCommand, costCommand, usageCommand } from "./account.js";
import {
  functionCommand,
  functionJobsCommand,
  functionsListCommand,
  versionCommand,
  versionsCommand,
} from "./functions.js";
import { logsCommand } from "./logs.js";
import { cancelCommand, getCommand, listCommand, pushCommand } from "./jobs.js";
import { runCommand } from "./run.js";
import { waitCommand } from "./wait.js";

/** Every command of `sieve-client`, in the order of its help. */
export const commands: readonly CommandSpec[] = [
  runCommand,
  batchCommand,
  pushCommand,
  getCommand,
  waitCommand,
  listCommand,
  cancelCommand,
  logsCommand,
  costCommand,
  functionsListCommand,
  functionCommand,
  versionsCommand,
  versionCommand,
  functionJobsCommand,
  usageCommand,
  concurrencyCommand,
  emulatorCommand,
];
