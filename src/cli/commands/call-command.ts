import type { CommandSpec } from "../lib/command-spec.js";
import type { CommandContext } from "../lib/context.js";
import { ExitCode } from "../lib/exit-codes.js";
import type { DoneNote } from "../lib/lost-output.js";
import type { CommandInfo } from "./catalog.js";
import { printNextPageHint } from "./paging.js";

/** A command that makes one client call and prints its answer. */
export interface CallCommandSpec<T> extends CommandInfo {
  /** Makes the call with `ctx.client()`, from the command's arguments and options. */
  call(ctx: CommandContext): Promise<T>;
  /** The answer as lines for a terminal (`--json` prints the answer itself). */
  format(answer: T): readonly string[];
  /** For a call that creates or changes something: what it did, recorded before printing. */
  done?(answer: T, ctx: CommandContext): DoneNote;
  /** For one page of a list: the next page's offset, hinted on stderr. */
  nextOffset?(answer: T): number | undefined;
}

/**
 * Builds the `CommandSpec` of a command that makes one client call: the answer goes to stdout
 * as JSON with `--json`, else as `format`'s lines; a `done` note is recorded first, so that a
 * closed stdout still leaves on stderr what was done; a page's next offset is hinted on stderr.
 */
export function callCommand<T>(spec: CallCommandSpec<T>): CommandSpec {
  const { call, format, done, nextOffset, ...described } = spec;
  return {
    ...described,
    async run(ctx) {
      const answer = await call(ctx);
      if (done) ctx.recordDone(done(answer, ctx));
      ctx.emit(answer, () => format(answer));
      if (nextOffset && !ctx.global.json) printNextPageHint(ctx, nextOffset(answer));
      return ExitCode.ok;
    },
  };
}
