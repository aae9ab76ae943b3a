import { formatConcurrency, formatJobCost, formatUsage } from "../lib/output.js";
import { callCommand } from "./call-command.js";

export const costCommand = callCommand({
  name: "cost",
  args: ["<job-id>"],
  summary: "Show what a job cost (its child jobs included)",
  examples: ["cost 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61 --json"],
  call: (ctx) => ctx.client().jobs.cost(ctx.args[0] ?? ""),
  format: formatJobCost,
});

export const usageCommand = callCommand({
  name: "usage",
  summary: "Show the organization's compute seconds and dollars this billing period",
  examples: ["usage", "usage --json"],
  call: (ctx) => ctx.client().usage.total(),
  format: formatUsage,
});

export const concurrencyCommand = callCommand({
  name: "concurrency",
  summary: "Show the concurrency limit and the jobs counting against it now",
  examples: ["concurrency --json"],
  call: (ctx) => ctx.client().account.concurrency(),
  format: formatConcurrency,
});
