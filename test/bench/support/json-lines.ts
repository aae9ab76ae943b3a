import { createInterface } from "node:readline";

/**
 * Child side of `startJsonChild`: writes one message as a JSON line on stdout.
 *
 * @example
 * emit({ type: "ready", url });
 */
export function emit<T extends { type: string }>(message: T): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/**
 * Child side of `startJsonChild`: calls `onCommand` for each JSON line on stdin, one at a time,
 * and `onEnd` once stdin closes (the parent's `stop()`), which should release everything the
 * child holds so that it exits.
 *
 * @example
 * listenForCommands(async (command) => { if (command.cmd === "ping") emit({ type: "pong" }); }, close);
 */
export function listenForCommands(
  onCommand: (command: { cmd: string } & Record<string, unknown>) => Promise<void> | void,
  onEnd: () => Promise<void> | void,
): void {
  let queue = Promise.resolve();
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    const command = JSON.parse(line) as { cmd: string } & Record<string, unknown>;
    queue = queue.then(() => onCommand(command));
  });
  lines.on("close", () => {
    queue = queue.then(() => onEnd());
  });
}
