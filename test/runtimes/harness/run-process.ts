import { spawn } from "node:child_process";

/** How a child process ended, with all it printed. */
export interface ProcessOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when it was killed for running past its time limit. */
  timedOut: boolean;
}

/** Options of `runProcess`. */
export interface RunProcessOptions {
  cwd: string;
  /** Killed (SIGKILL) after this many ms. */
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `command` with `args` and resolves however it ends (an exit code, a signal, or the time
 * limit); rejects only when it cannot be started, e.g. the binary is missing.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions,
): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/**
 * The output of a process that must succeed: its stdout; a throw with its exit status and
 * output otherwise.
 */
export function expectSuccess(what: string, outcome: ProcessOutcome): string {
  if (outcome.code === 0 && !outcome.timedOut) return outcome.stdout;
  const status = outcome.timedOut
    ? "timed out"
    : outcome.signal
      ? `was killed by ${outcome.signal}`
      : `exited with ${outcome.code}`;
  throw new Error(
    `${what} ${status}.\n--- stdout ---\n${outcome.stdout.slice(-4_000)}\n` +
      `--- stderr ---\n${outcome.stderr.slice(-4_000)}`,
  );
}
