import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** A message of the benchmark's stdout protocol: one JSON object per line, with a `type`. */
export interface Message {
  type: string;
}

/** A child process that runs a TypeScript file and talks in JSON lines (see `json-lines.ts`). */
export interface JsonChild {
  /** The child's process id. */
  readonly pid: number;
  /**
   * Resolves with the next message of this `type` (kept if it arrived before the call); rejects
   * if the child exits first, or after `timeoutMs` when given.
   */
  next<T extends Message>(type: T["type"], timeoutMs?: number): Promise<T>;
  /** Writes one command line to the child's stdin. */
  send(command: object): void;
  /** Closes the child's stdin (its cue to clean up and exit), then waits for it to exit. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

/**
 * Starts `node --import tsx <script> ...args` (script relative to test/bench/) with stdin and
 * stdout as JSON-line pipes and stderr inherited. A message the parent is waiting for fails
 * with the exit code if the child exits first; `stop()` kills a child that does not exit
 * within 10 s of losing its stdin.
 *
 * @example
 * const server = startJsonChild("overhead/fixed-job-server.ts");
 * const { url } = await server.next<{ type: "ready"; url: string }>("ready");
 * await server.stop();
 */
export function startJsonChild(script: string, args: readonly string[] = []): JsonChild {
  const path = fileURLToPath(new URL(`../${script}`, import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", path, ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const received: Message[] = [];
  const waiting = new Map<string, (message: Message) => void>();
  let exitError: Error | undefined;
  const failures = new Set<(error: Error) => void>();

  createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("{")) return void process.stderr.write(`[${script}] ${line}\n`);
    const message = JSON.parse(line) as Message;
    const resolve = waiting.get(message.type);
    if (resolve) resolve(message);
    else received.push(message);
  });
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exitError = new Error(`${script} exited (code ${code}, signal ${signal})`);
      for (const fail of failures) fail(exitError);
      resolve();
    });
  });

  return {
    pid: child.pid ?? 0,
    next<T extends Message>(type: T["type"], timeoutMs?: number): Promise<T> {
      const index = received.findIndex((message) => message.type === type);
      if (index >= 0) return Promise.resolve(received.splice(index, 1)[0] as T);
      if (exitError) return Promise.reject(exitError);
      return new Promise<T>((resolve, reject) => {
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                settle();
                reject(new Error(`${script}: no "${type}" message within ${timeoutMs} ms`));
              }, timeoutMs);
        const settle = () => {
          clearTimeout(timer);
          waiting.delete(type);
          failures.delete(fail);
        };
        const fail = (error: Error) => {
          settle();
          reject(error);
        };
        failures.add(fail);
        waiting.set(type, (message) => {
          settle();
          resolve(message as T);
        });
      });
    },
    send(command) {
      child.stdin.write(`${JSON.stringify(command)}\n`);
    },
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
