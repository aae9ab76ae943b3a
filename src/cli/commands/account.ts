import { formatConcurrency, formatJobCost, formatUsage } from "../lib/output.js";
import { callCommand } from "./call-command.js";
import { commandInfo } from "./catalog.js";

export const costCommand = callCommand({
  ...commandInfo.cost,
  call: (ctx) => ctx.client().jobs.cost(ctx.args[0] ?? ""),
  format: formatJobCost,
});

export const usageCommand = callCommand({
  ...commandInfo.usage,
  call: (ctx) => ctx.client().usage.total(),
  format: formatUsage,
});

export const concurrencyCommand = callCommand({
  ...commandInfo.concurrency,
  call: (ctx) => ctx.client().account.concurrency(),
  format: formatConcurrency,
});
