import type {
  ListFunctionJobsParams,
  ListFunctionsParams,
  ListVersionsParams,
} from "../../node.js";
import {
  formatFunction,
  formatFunctionTable,
  formatJobTable,
  formatVersions,
} from "../lib/output.js";
import { callCommand } from "./call-command.js";
import { definedOnly } from "./paging.js";

export const functionCommand = callCommand({
  name: "function",
  args: ["<owner/name>"],
  summary: "Show a function: description, latest version, the inputs it takes",
  examples: ["function sieve/dubbing", "function demo/dubbing --json"],
  call: (ctx) => ctx.client().functions.get(ctx.args[0] ?? ""),
  format: formatFunction,
});

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

export const functionsListCommand = callCommand({
  name: "functions list",
  options: ["limit", "offset"],
  summary: "List the organization's functions",
  examples: ["functions list", "functions list --limit 20 --json"],
  call: ({ options: { limit, offset }, client }) =>
    client().functions.list(definedOnly<ListFunctionsParams>({ limit, offset })),
  format: formatFunctionTable,
});

export const versionCommand = callCommand({
  name: "version",
  args: ["<owner/name>", "<id|prefix|latest>"],
  summary: "Show one version of a function (an id, an id prefix, or latest)",
  examples: ["version sieve/dubbing latest", "version sieve/dubbing 41b83e76 --json"],
  call: ({ args, client }) => client().functions.version(args[0] ?? "", args[1] ?? ""),
  format: (version) => formatVersions([version]),
});
