/**
 * Setup file of the `unit` test project.
 *
 * It proves the tier pure: opening a socket (any TCP, HTTP, TLS or fetch connection), listening
 * on a port, or starting a child process throws, and the test that tried fails in `afterEach`
 * even if the code under test swallowed the error. A test that needs a server, the emulator,
 * Prism or a process belongs to the `integration` tier (see vitest.config.ts).
 *
 * The project runs its files without isolation (one module graph per worker, several times
 * faster), so after each file it puts back what a file may have left changed: real timers,
 * spied-on methods, stubbed globals and environment variables.
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import { afterAll, afterEach, vi } from "vitest";

/** What the guard refused since the last check; set once the guard is installed. */
const key = Symbol.for("sieve-client.unit-io-guard");
const state = globalThis as { [key]?: string[] };

/**
 * The refusals since the last call (emptied by the call): lets a test that opens a socket on
 * purpose, to prove the guard works, keep its `afterEach` from failing. `undefined` outside
 * the `unit` project.
 */
export function takeRefusals(): string[] | undefined {
  return state[key]?.splice(0);
}

function refuse(what: string): never {
  const message =
    `unit tests must not ${what}: list this test file under the "integration" tier in ` +
    `vitest.config.ts (or use test/support/fake-fetch.ts)`;
  state[key]?.push(message);
  throw new Error(message);
}

if (!state[key]) {
  state[key] = [];
  // Every TCP, HTTP, TLS and fetch (undici) connection ends here.
  net.Socket.prototype.connect = () => refuse("open a socket (net.Socket#connect)");
  net.Server.prototype.listen = () => refuse("listen on a port (net.Server#listen)");
  // Every asynchronous way to start a process (spawn, exec, execFile, fork) ends here.
  const processes = childProcess.ChildProcess.prototype as unknown as { spawn: () => never };
  processes.spawn = () => refuse("start a child process (spawn, exec, execFile, fork)");
  childProcess.spawnSync = () => refuse("start a child process (spawnSync)");
  childProcess.execSync = () => refuse("start a child process (execSync)");
  childProcess.execFileSync = () => refuse("start a child process (execFileSync)");
  syncBuiltinESMExports();
}

afterEach(() => {
  const refused = takeRefusals() ?? [];
  if (refused.length > 0) throw new Error(refused[0]);
});

afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});
