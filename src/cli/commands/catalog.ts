import type { CommandSpec } from "../lib/command-spec.js";

/** What the help and the parser know of a command: all of its `CommandSpec` but `run`. */
export type CommandInfo = Omit<CommandSpec, "run">;

/** What the default example of a command puts for each kind of argument. */
const SAMPLE_ARGS: Readonly<Record<string, string>> = {
  "<job-id>": "0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61",
  "<owner/name>": "sieve/dubbing",
};

/** A command's info; without `examples`, one example: the command with a sample argument each. */
function info(
  name: string,
  summary: string,
  more: Partial<Pick<CommandInfo, "args" | "options" | "examples">> = {},
): CommandInfo {
  const { args = [], options = [] } = more;
  const example = [name, ...args.map((arg) => SAMPLE_ARGS[arg] ?? arg)].join(" ");
  return { name, args, options, summary, examples: more.examples ?? [example] };
}

/**
 * Every command's name, arguments, options, summary and examples, apart from the code that runs
 * it (`./index.ts` loads that only when the command runs): all that `--help`, `--version` and a
 * usage error need, without loading the client.
 */
export const commandInfo = {
  run: info("run", "Push a job, show its status live and stream its outputs; Ctrl-C cancels it", {
    args: ["<owner/name>"],
    options: ["input", "timeout"],
    examples: [
      "run demo/dubbing --input target_language=spanish",
      'run sieve/dubbing --input file:=\'{"url":"https://example.com/talk.mp4"}\' --input target_language=spanish --timeout 900000',
    ],
  }),
  batch: info(
    "batch",
    "Run every push request of a JSON-lines file (- for stdin), N at a time; rerun to resume",
    {
      args: ["<requests.jsonl>"],
      options: ["concurrency", "out", "journal"],
      examples: [
        "batch requests.jsonl --out results.jsonl",
        "batch requests.jsonl --concurrency 20 --out results.jsonl",
        "batch - --journal requests.journal",
      ],
    },
  ),
  push: info("push", "Push a job and print its id (it runs asynchronously)", {
    args: ["<owner/name>"],
    options: ["input"],
    examples: [
      'push sieve/dubbing --input target_language=spanish --input file:=\'{"url":"https://example.com/talk.mp4"}\'',
      "push demo/dubbing --input target_language=french --json",
    ],
  }),
  get: info("get", "Read a job: its status, inputs, error and outputs", { args: ["<job-id>"] }),
  wait: info("wait", "Wait for a job with a live status line, then print its outputs", {
    args: ["<job-id>"],
    options: ["timeout"],
    examples: [
      "wait 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61",
      "wait 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61 --timeout 600000 --json",
    ],
  }),
  list: info("list", "List the organization's jobs, one page, newest first", {
    options: ["status", "limit", "offset"],
    examples: ["list --status processing --limit 20", "list --limit 20 --offset 20 --json"],
  }),
  cancel: info("cancel", "Cancel a queued or running job", { args: ["<job-id>"] }),
  logs: info("logs", "Print a job's log lines; --follow prints new ones until the job ends", {
    args: ["<job-id>"],
    options: ["follow"],
    examples: [
      "logs 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61",
      "logs 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61 --follow",
    ],
  }),
  cost: info("cost", "Show what a job cost (its child jobs included)", {
    args: ["<job-id>"],
    examples: ["cost 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61 --json"],
  }),
  functionsList: info("functions list", "List the organization's functions", {
    options: ["limit", "offset"],
    examples: ["functions list", "functions list --limit 20 --json"],
  }),
  function: info("function", "Show a function: description, latest version, the inputs it takes", {
    args: ["<owner/name>"],
    examples: ["function sieve/dubbing", "function demo/dubbing --json"],
  }),
  versions: info("versions", "List a function's versions, newest first", {
    args: ["<owner/name>"],
    options: ["limit", "offset"],
    examples: ["versions sieve/dubbing --limit 5"],
  }),
  version: info("version", "Show one version of a function (an id, an id prefix, or latest)", {
    args: ["<owner/name>", "<id|prefix|latest>"],
    examples: ["version sieve/dubbing latest", "version sieve/dubbing 41b83e76 --json"],
  }),
  functionJobs: info("function-jobs", "List the jobs that ran a function, one page", {
    args: ["<owner/name>"],
    options: ["status", "limit", "offset"],
    examples: ["function-jobs sieve/dubbing --status error --limit 10"],
  }),
  usage: info("usage", "Show the organization's compute seconds and dollars this billing period", {
    examples: ["usage", "usage --json"],
  }),
  concurrency: info(
    "concurrency",
    "Show the concurrency limit and the jobs counting against it now",
    {
      examples: ["concurrency --json"],
    },
  ),
  emulator: info("emulator", "Serve a local Sieve API with demo functions, until Ctrl-C", {
    options: ["port", "cors", "allow-host"],
    examples: [
      "emulator --port 8787",
      "emulator --api-key test-key --json",
      "emulator --cors --allow-host sieve.test",
    ],
  }),
} satisfies Record<string, CommandInfo>;
