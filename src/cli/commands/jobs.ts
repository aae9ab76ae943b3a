import type { ListJobsParams } from "../../node.js";
import { formatJob, formatJobTable } from "../lib/output.js";
import { parseInputs } from "../lib/parse-inputs.js";
import { callCommand } from "./call-command.js";
import { commandInfo } from "./catalog.js";
import { definedOnly } from "./paging.js";

/**
 * `push <owner/name> --input ...`: pushes a job and prints its id; if stdout fails, the id goes
 * to stderr (`pushed job X, but could not print its id: stdout was closed`).
 */
export const pushCommand = callCommand({
  ...commandInfo.push,
  call: (ctx) => {
    const inputs = parseInputs(ctx.options.inputs);
    return ctx.client().jobs.push({ function: ctx.args[0] ?? "", inputs });
  },
  done: (pushed) => ({ done: `pushed job ${pushed.id}`, unprinted: "its id" }),
  format: (pushed) => [pushed.id],
});

export const getCommand = callCommand({
  ...commandInfo.get,
  call: (ctx) => ctx.client().jobs.get(ctx.args[0] ?? ""),
  format: formatJob,
});

export const listCommand = callCommand({
  ...commandInfo.list,
  call: ({ options: { status, limit, offset }, client }) =>
    client().jobs.list(definedOnly<ListJobsParams>({ status, limit, offset })),
  format: (page) => formatJobTable(page.data),
  nextOffset: (page) => page.next_offset,
});

/**
 * `cancel <job-id>`: cancels a queued or running job; if stdout fails, stderr still says the
 * cancel was done (`cancelled job X, but could not print the answer: ...`).
 */
export const cancelCommand = callCommand({
  ...commandInfo.cancel,
  call: (ctx) => ctx.client().jobs.cancel(ctx.args[0] ?? ""),
  done: (_answer, ctx) => ({ done: `cancelled job ${ctx.args[0] ?? ""}`, unprinted: "the answer" }),
  format: (answer) => [answer.message],
});
