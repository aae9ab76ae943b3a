import type { ListJobsParams } from "../../node.js";
import type { CommandSpec } from "../lib/command-spec.js";
import { ExitCode } from "../lib/exit-codes.js";
import { formatJob, formatJobTable } from "../lib/output.js";
import { parseInputs } from "../lib/parse-inputs.js";
import { definedOnly, printNextPageHint } from "./paging.js";

/**
 * `push <owner/name> --input ...`: pushes a job and prints its id; if stdout fails, the id goes
 * to stderr (`pushed job X, but could not print its id: stdout was closed`).
 */
export const pushCommand: CommandSpec = {
  name: "push",
  args: ["<owner/name>"],
  options: ["input"],
  summary: "Push a job and print its id (it runs asynchronously)",
  examples: [
    'push sieve/dubbing --input target_language=spanish --input file:=\'{"url":"https://example.com/talk.mp4"}\'',
    "push demo/dubbing --input target_language=french --json",
  ],
  async run(ctx) {
    const inputs = parseInputs(ctx.options.inputs);
    const pushed = await ctx.client().jobs.push({ function: ctx.args[0] ?? "", inputs });
    ctx.recordDone({ done: `pushed job ${pushed.id}`, unprinted: "its id" });
    ctx.emit(pushed, () => [pushed.id]);
    return ExitCode.ok;
  },
};

/** `get <job-id>`: reads a job. */
export const getCommand: CommandSpec = {
  name: "get",
  args: ["<job-id>"],
  options: [],
  summary: "Read a job: its status, inputs, error and outputs",
  examples: ["get 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61"],
  async run(ctx) {
    const job = await ctx.client().jobs.get(ctx.args[0] ?? "");
    ctx.emit(job, () => formatJob(job));
    return ExitCode.ok;
  },
};

/** `list [--status S] [--limit N] [--offset N]`: one page of the organization's jobs. */
export const listCommand: CommandSpec = {
  name: "list",
  args: [],
  options: ["status", "limit", "offset"],
  summary: "List the organization's jobs, one page, newest first",
  examples: ["list --status processing --limit 20", "list --limit 20 --offset 20 --json"],
  async run(ctx) {
    const { status, limit, offset } = ctx.options;
    const page = await ctx
      .client()
      .jobs.list(definedOnly<ListJobsParams>({ status, limit, offset }));
    ctx.emit(page, () => formatJobTable(page.data));
    if (!ctx.global.json) printNextPageHint(ctx, page.next_offset);
    return ExitCode.ok;
  },
};

/**
 * `cancel <job-id>`: cancels a queued or running job; if stdout fails, stderr still says the
 * cancel was done (`cancelled job X, but could not print the answer: ...`).
 */
export const cancelCommand: CommandSpec = {
  name: "cancel",
  args: ["<job-id>"],
  options: [],
  summary: "Cancel a queued or running job",
  examples: ["cancel 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61"],
  async run(ctx) {
    const jobId = ctx.args[0] ?? "";
    const answer = await ctx.client().jobs.cancel(jobId);
    ctx.recordDone({ done: `cancelled job ${jobId}`, unprinted: "the answer" });
    ctx.emit(answer, () => [answer.message]);
    return ExitCode.ok;
  },
};
