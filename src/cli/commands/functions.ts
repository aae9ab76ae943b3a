import type { ListFunctionJobsParams, ListVersionsParams } from "../../node.js";
import { formatFunction, formatJobTable, formatVersions } from "../lib/output.js";
import { callCommand } from "./call-command.js";
import { definedOnly } from "./paging.js";

/** `function <owner/name>`: a function's metadata and latest version. */
export const functionCommand = callCommand({
  name: "function",
  args: ["<owner/name>"],
  options: [],
  summary: "Show a function: description, latest version, the inputs it takes",
  examples: ["function sieve/dubbing", "function demo/dubbing --json"],
  call: (ctx) => ctx.client().functions.get(ctx.args[0] ?? ""),
  format: formatFunction,
});

/** `versions <owner/name> [--limit N] [--offset N]`: a function's versions. */
export const versionsCommand = callCommand({
  name: "versions",
  args: ["<owner/name>"],
  options: ["limit", "offset"],
  summary: "List a function's versions, newest first",
  examples: ["versions sieve/dubbing --limit 5"],
  call: ({ args, options: { limit, offset }, client }) =>
    client().functions.versions(args[0] ?? "", definedOnly<ListVersionsParams>({ limit, offset })),
  format: formatVersions,
});

/** `function-jobs <owner/name> [--status S] [--limit N] [--offset N]`: the jobs of a function. */
export const functionJobsCommand = callCommand({
  name: "function-jobs",
  args: ["<owner/name>"],
  options: ["status", "limit", "offset"],
  summary: "List the jobs that ran a function, one page",
  examples: ["function-jobs sieve/dubbing --status error --limit 10"],
  call: ({ args, options: { status, limit, offset }, client }) =>
    client().functions.jobs(
      args[0] ?? "",
      definedOnly<ListFunctionJobsParams>({ status, limit, offset }),
    ),
  format: (page) => formatJobTable(page.data),
  nextOffset: (page) => page.next_offset,
});
