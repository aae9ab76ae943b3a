import type { CliIo } from "./io.js";

/** Moves to the start of the line and erases it (ANSI "erase in line", whole line). */
export const CLEAR_LINE = "\r\x1b[2K";

/**
 * The CLI's writes, line by line. While a status line is drawn on a terminal, every other line
 * first erases it and then draws it again below, so the status line stays the last line and is
 * never left half-overwritten.
 */
export interface Screen {
  /** Writes a line to stdout. */
  out(line: string): void;
  /** Writes a line to stderr. */
  err(line: string): void;
  /** Draws (or redraws) the status line in place, on stderr. */
  status(line: string): void;
  /** Leaves the status line as it is and moves below it. */
  endStatus(): void;
}

/**
 * The screen on the CLI's streams.
 */
export function createScreen(io: Pick<CliIo, "stdout" | "stderr">): Screen {
  let shown: string | undefined;
  const around = (write: () => void) => {
    if (shown !== undefined) io.stderr.write(CLEAR_LINE);
    write();
    if (shown !== undefined) io.stderr.write(shown);
  };
  return {
    out: (line) => around(() => io.stdout.write(`${line}\n`)),
    err: (line) => around(() => io.stderr.write(`${line}\n`)),
    status(line) {
      shown = line;
      io.stderr.write(`${CLEAR_LINE}${line}`);
    },
    endStatus() {
      if (shown === undefined) return;
      shown = undefined;
      io.stderr.write("\n");
    },
  };
}
