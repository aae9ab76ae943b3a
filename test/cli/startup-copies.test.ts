/**
 * What keeps the CLI's fast start honest (startup-imports.test.ts shows what it loads): the two
 * values it keeps apart from the client equal the client's own, and each command of the lazy
 * catalog (`commands/index.ts`) loads and runs its own code.
 */
import { describe, expect, it } from "vitest";
import { cliVersion } from "../../src/cli/lib/version.js";
import { commandInfo } from "../../src/cli/commands/catalog.js";
import { commands } from "../../src/cli/commands/index.js";
import { createCommandContext } from "../../src/cli/lib/context.js";
import { KNOWN_JOB_STATUSES, parseCommandLine } from "../../src/cli/lib/args.js";
import { createScreen } from "../../src/cli/lib/screen.js";
import { knownJobStatusValues, VERSION, type SieveClient } from "../../src/node.js";
import { fakeIo } from "./fake-io.js";
import { COMMAND_NAMES } from "./command-names.js";

describe("the CLI's copies of the client's values", () => {
  it("--version prints the client's VERSION, read from package.json", async () => {
    expect(await cliVersion()).toBe(VERSION);
  });

  it("an empty --status names the client's known job statuses", () => {
    expect(KNOWN_JOB_STATUSES).toEqual(knownJobStatusValues);
  });
});

describe("the command catalog", () => {
  it("lists every command once, in the order of the help", () => {
    expect(commands.map((command) => command.name)).toEqual(COMMAND_NAMES);
    expect(new Set(Object.values(commandInfo).map((info) => info.name)).size).toBe(commands.length);
  });

  it.each([
    ["run demo/x", "jobs.run"],
    ["push demo/x", "jobs.push"],
    ["get j", "jobs.get"],
    ["wait j", "jobs.wait"],
    ["list", "jobs.list"],
    ["cancel j", "jobs.cancel"],
    ["logs j", "jobs.logs"],
    ["cost j", "jobs.cost"],
    ["functions list", "functions.list"],
    ["function o/n", "functions.get"],
    ["versions o/n", "functions.versions"],
    ["version o/n latest", "functions.version"],
    ["function-jobs o/n", "functions.jobs"],
    ["usage", "usage.total"],
    ["concurrency", "account.concurrency"],
  ])("`%s` loads its own code when it runs: it calls %s", async (line, method) => {
    const io = fakeIo();
    const parsed = parseCommandLine([...line.split(" "), "--api-key", "k"], commands);
    if (parsed.kind !== "command") throw new Error("not a command");
    const called: string[] = [];
    const resource = (name: string) =>
      new Proxy({}, { get: (_target, key) => () => void called.push(`${name}.${String(key)}`) });
    const client = new Proxy({}, { get: (_target, name) => resource(String(name)) });
    const ctx = createCommandContext(parsed, io, createScreen(io));

    await parsed.command.run({ ...ctx, client: () => client as SieveClient }).catch(() => {});

    expect(called[0]).toBe(method);
  });

  it("`batch` loads its own code when it runs: it reads its requests first", async () => {
    const io = fakeIo();
    const missing = "/nonexistent/requests.jsonl";
    const parsed = parseCommandLine(["batch", missing, "--api-key", "k"], commands);
    if (parsed.kind !== "command") throw new Error("not a command");
    const ctx = createCommandContext(parsed, io, createScreen(io));

    await expect(parsed.command.run(ctx)).rejects.toThrow(`cannot read ${missing}`);
  });
});
