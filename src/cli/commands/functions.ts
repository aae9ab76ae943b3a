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
import { commandInfo } from "./catalog.js";
import { definedOnly } from "./paging.js";

export const functionCommand = callCommand({
  ...commandInfo.function,
  call: (ctx) => ctx.client().functions.get(ctx.args[0] ?? ""),
  format: formatFunction,
});

export const versionsCommand = callCommand({
  ...commandInfo.versions,
  call: ({ args, options: { limit, offset }, client }) =>
    client().functions.versions(args[0] ?? "", definedOnly<ListVersionsParams>({ limit, offset })),
  format: formatVersions,
});

export const functionJobsCommand = callCommand({
  ...commandInfo.functionJobs,
  call: ({ args, options: { status, limit, offset }, client }) =>
    client().functions.jobs(
      args[0] ?? "",
      definedOnly<ListFunctionJobsParams>({ status, limit, offset }),
    ),
  format: (page) => formatJobTable(page.data),
  nextOffset: (page) => page.next_offset,
});

export const functionsListCommand = callCommand({
  ...commandInfo.functionsList,
  call: ({ options: { limit, offset }, client }) =>
    client().functions.list(definedOnly<ListFunctionsParams>({ limit, offset })),
  format: formatFunctionTable,
});

export const versionCommand = callCommand({
  ...commandInfo.version,
  call: ({ args, client }) => client().functions.version(args[0] ?? "", args[1] ?? ""),
  format: (version) => formatVersions([version]),
});
