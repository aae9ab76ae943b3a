#!/usr/bin/env node
/**
 * `sieve-client`: the command line of the Sieve client (the package's `bin`). Run
 * `sieve-client --help`, or see the README's "Command line" section.
 *
 * @example
 * // npx sieve-client run demo/dubbing --input target_language=spanish
 */
import { processIo } from "./lib/io.js";
import { runCli } from "./run-cli.js";

process.exitCode = await runCli(process.argv.slice(2), processIo());
