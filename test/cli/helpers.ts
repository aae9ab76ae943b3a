import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect } from "vitest";
import {
  startEmulator,
  type EmulatedFunction,
  type Emulator,
  type EmulatorOptions,
} from "../../src/emulator/index.js";

export const root = fileURLToPath(new URL("../..", import.meta.url));
/**
 * The CLI as `node --import tsx src/cli/main.ts`: what `node_modules/.bin/tsx` runs, without its
 * extra wrapper process (which relays signals and costs ~0.15 s of CPU per run). Like the built
 * `bin`, one process gets the signals.
 */
export const cliCommand: readonly string[] = [
  process.execPath,
  "--import",
  "tsx",
  "src/cli/main.ts",
];

/** How a CLI process ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A CLI process still running, its output so far, and when it ends. */
export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the output so far once `pattern` shows in it. */
  waitFor(stream: "stdout" | "stderr", pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<CliResult>;
}

/** The test's environment without the SIEVE_* variables, plus `extra`. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!("SIEVE_API_KEY" in extra)) delete env.SIEVE_API_KEY;
  if (!("SIEVE_API_URL" in extra)) delete env.SIEVE_API_URL;
  return env;
}

/** `--api-key` and `--base-url` of an emulator. */
export function connect(emu: Emulator): string[] {
  return ["--api-key", emu.apiKey, "--base-url", emu.url];
}

const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Starts the real CLI (`cliCommand ...args`) with stdin closed; it is killed after `timeoutMs`
 * (the test then fails on its exit code) and at the end of the file at the latest.
 */
export function spawnCli(
  args: readonly string[],
  { env = cliEnv(), timeoutMs = 20_000 }: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): RunningCli {
  const [node = "node", ...nodeArgs] = cliCommand;
  return spawnWatched(node, [...nodeArgs, ...args], env, timeoutMs);
}

/** Like `spawnCli`, for any command (e.g. `script` around the CLI). */
export function spawnWatched(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): RunningCli {
  const child = spawn(file, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const text = { stdout: "", stderr: "" };
  const watchers = new Set<() => void>();
  for (const name of ["stdout", "stderr"] as const) {
    child[name].setEncoding("utf8");
    child[name].on("data", (chunk: string) => {
      text[name] += chunk;
      for (const watch of watchers) watch();
    });
  }
  const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exited = new Promise<CliResult>((resolve) => {
    child.on("close", (code) => {
      clearTimeout(killer);
      running.delete(child);
      for (const watch of watchers) watch();
      resolve({ code, stdout: text.stdout, stderr: text.stderr });
    });
  });
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    exited,
    waitFor(stream, pattern, waitMs = 15_000) {
      return new Promise((resolve, reject) => {
        const watch = () => {
          if (pattern.test(text[stream])) done(() => resolve(text[stream]));
          else if (child.exitCode !== null || child.signalCode !== null)
            done(() =>
              reject(new Error(`exited before ${pattern} on ${stream}:\n${text[stream]}`)),
            );
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no ${pattern} on ${stream} in ${waitMs} ms`))),
          waitMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          watchers.delete(watch);
          settle();
        };
        watchers.add(watch);
        watch();
      });
    },
  };
}

/** Runs the real CLI to its end. */
export function runCliProcess(
  args: readonly string[],
  options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliResult> {
  return spawnCli(args, options).exited;
}

/** stderr is exactly one `sieve-client: ...` line matching `pattern`, with no stack trace. */
export function expectOneErrorLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^sieve-client: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

const gates = new Map<string, () => void>();
const released = new Set<string>();

/** Lets a `test/gated` job finish. */
export function releaseGate(jobId: string): void {
  released.add(jobId);
  gates.get(jobId)?.();
}

/** The functions the CLI tests run on their emulator. */
export const testFunctions: Record<string, EmulatedFunction> = {
  "test/echo": {
    description: "Echoes its text.",
    inputs: [{ name: "text", type: "str", description: "What to echo." }],
    handler: async (inputs) => inputs.text ?? null,
  },
  // Long enough in each status for the polls (at 0, 0.5, 1.25, 2.4 s, less 10 %) to see both.
  "test/slow": {
    delayMs: 800,
    handler: async (_inputs, { signal }) => (await sleep(1_500, signal), "done"),
  },
  "test/gated": {
    handler: (_inputs, { jobId, signal }) =>
      new Promise((resolve) => {
        const open = () => resolve("released");
        if (released.has(jobId)) open();
        else gates.set(jobId, open);
        signal.addEventListener("abort", () => resolve(undefined), { once: true });
      }),
  },
  "test/stream": {
    handler: async function* (_inputs, { signal }) {
      for (let i = 1; i <= 3; i++) {
        await sleep(600, signal);
        if (!signal.aborted) yield i;
      }
    },
  },
  // Never ends by itself: a run of it can only be ended by the CLI (a cancel), whatever the load.
  "test/stream-forever": {
    handler: async function* (_inputs, { signal }) {
      for (let i = 1; !signal.aborted; i++) {
        await sleep(600, signal);
        if (!signal.aborted) yield i;
      }
    },
  },
  "test/broken": {
    handler: async () => "partial",
    failWith: "boom: out of memory",
  },
  "test/forever": {
    handler: (_inputs, { signal }) =>
      new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve())),
  },
};

/**
 * An emulator serving `testFunctions` for the whole file: started before the first test, closed
 * after the last. The object returned stands for it (it forwards to the emulator once started).
 */
export function useTestEmulator(options: Omit<EmulatorOptions, "functions"> = {}): Emulator {
  let started: Emulator | undefined;
  beforeAll(async () => {
    started = await startEmulator({ ...options, functions: testFunctions });
  });
  afterAll(() => started?.close());
  return new Proxy({} as Emulator, {
    get(_target, key) {
      if (!started) throw new Error("the test emulator is not started yet");
      const value: unknown = Reflect.get(started, key);
      return typeof value === "function" ? value.bind(started) : value;
    },
  });
}
