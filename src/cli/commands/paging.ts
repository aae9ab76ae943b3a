import type { CommandContext } from "../lib/context.js";

/**
 * The same object without its undefined values, for query parameters the user did not give.
 */
export function definedOnly<T extends object>(params: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Tells on stderr how to read the next page, when there is one (stdout keeps only the table).
 */
export function printNextPageHint(ctx: CommandContext, nextOffset: number | undefined): void {
  if (nextOffset !== undefined && nextOffset >= 0)
    ctx.screen.err(`next page: --offset ${nextOffset}`);
}
