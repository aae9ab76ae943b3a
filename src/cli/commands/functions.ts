import type { ListFunctionJobsParams, ListVersionsParams } from "../../node.js";
import type { CommandSpec } from "../lib/command-spec.js";
import { ExitCode } from "../lib/exit-codes.js";
import { formatFunction, formatJobTable, formatVersions } from "../lib/output.js";
import { definedOnly, printNextPageHint } from "./paging.js";

/** `function <owner/name>`: a function's metadata and latest version. */
export const functionCommand: CommandSpec = {
  name: "function",
  args: ["<owner/name>"],
  options: [],
  summary: "Show a function: description, latest version, the inputs it takes",
  examples: ["function sieve/dubbing", "function demo/dubbing --json"],
  async run(ctx) {
    const fn = await ctx.client().functions.get(ctx.args[0] ?? "");
    ctx.emit(fn, () => formatFunction(fn));
    return ExitCode.ok;
  },
};

/** `versions <owner/name> [--limit N] [--offset N]`: a function's versions. */
export const versionsCommand: CommandSpec = {
  name: "versions",
  args: ["<owner/name>"],
  options: ["limit", "offset"],
  summary: "List a function's versions, newest first",
  examples: ["versions sieve/dubbing --limit 5"],
  async run(ctx) {
    const { limit, offset } = ctx.options;
    const versions = await ctx
      .client()
      .functions.versions(ctx.args[0] ?? "", definedOnly<ListVersionsParams>({ limit, offset }));
    ctx.emit(versions, () => formatVersions(versions));
    return ExitCode.ok;
  },
};

/** `function-jobs <owner/name> [--status S] [--limit N] [--offset N]`: the jobs of a function. */
export const functionJobsCommand: CommandSpec = {
  name: "function-jobs",
  args: ["<owner/name>"],
  options: ["status", "limit", "offset"],
  summary: "List the jobs that ran a function, one page",
  examples: ["function-jobs sieve/dubbing --status error --limit 10"],
  async run(ctx) {
    const { status, limit, offset } = ctx.options;
    const page = await ctx
      .client()
      .functions.jobs(
        ctx.args[0] ?? "",
        definedOnly<ListFunctionJobsParams>({ status, limit, offset }),
      );
    ctx.emit(page, () => formatJobTable(page.data));
    if (!ctx.global.json) printNextPageHint(ctx, page.next_offset);
    return ExitCode.ok;
  },
};
