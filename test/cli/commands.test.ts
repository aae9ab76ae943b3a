/**
 * Every command of the real `sieve-client` process (tsx src/cli/main.ts) against an emulator
 * in this process: `--json` parsed, the pretty output, the exit codes and the error lines.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import {
  jobOutputs,
  type FunctionVersion,
  type Job,
  type JobPage,
  type PushResponse,
  type SieveFunction,
} from "../../src/node.js";
import { clientFor, untilStatus } from "../emulator/helpers.js";
import { freePort } from "../support/free-port.js";
import { cliEnv, connect, expectOneErrorLine, runCliProcess, useTestEmulator } from "./helpers.js";

const emu = useTestEmulator();
const dir = mkdtempSync(`${tmpdir()}/sieve-cli-`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI against the emulator. */
const cli = (...args: string[]) => runCliProcess([...args, ...connect(emu)]);

/** Pushes a job with the client in this process (not the subject here) and waits for its end. */
async function finishedJob(fn = "test/echo", text = "hola"): Promise<string> {
  const { id } = await clientFor(emu).jobs.push({ function: fn, inputs: { text } });
  await untilStatus(emu, id, undefined, 5_000);
  return id;
}

describe.concurrent("sieve-client commands", { timeout: 30_000 }, () => {
  it("push sends the inputs: strings, JSON values and JSON files", async () => {
    const file = `${dir}/file.json`;
    writeFileSync(file, '{"url":"https://example.com/a.mp4"}');
    const { code, stdout, stderr } = await cli(
      "push",
      "test/echo",
      "--input",
      "text=hola",
      "--input",
      "count:=3",
      "--input",
      `file=@${file}`,
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const pushed = JSON.parse(stdout) as PushResponse;
    expect(pushed.status).toBe("queued");
    expect(emu.jobs.get(pushed.id)?.inputs).toEqual({
      text: "hola",
      count: 3,
      file: { url: "https://example.com/a.mp4" },
    });
  });

  it("push prints only the job id, for scripts", async () => {
    const { code, stdout } = await cli("push", "test/echo", "--input", "text=x");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(emu.jobs.get(stdout.trim())?.function).toBe("test/echo");
  });

  it("get prints a job, as JSON or as fields and outputs", async () => {
    const id = await finishedJob("test/echo", "bonjour");
    const [json, pretty] = await Promise.all([cli("get", id, "--json"), cli("get", id)]);
    expect(json.code).toBe(0);
    const job = JSON.parse(json.stdout) as Job;
    expect([job.id, job.status, jobOutputs(job)[0]?.data]).toEqual([id, "finished", "bonjour"]);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toMatch(new RegExp(`^id +${id}$`, "m"));
    expect(pretty.stdout).toMatch(/^status +finished$/m);
    expect(pretty.stdout).toMatch(/^input text +"bonjour"$/m);
    expect(pretty.stdout).toMatch(/^output 1 \(str\): "bonjour"$/m);
  });

  it("list passes --status, --limit and --offset, and says how to read the next page", async () => {
    await finishedJob();
    await finishedJob();
    const json = await cli(
      "list",
      "--status",
      "finished",
      "--limit",
      "1",
      "--offset",
      "1",
      "--json",
    );
    expect(json.code).toBe(0);
    const page = JSON.parse(json.stdout) as JobPage;
    expect(page.data).toHaveLength(1);
    expect(page.data[0]?.status).toBe("finished");
    expect(page.next_offset).toBe(2);
    expect(
      emu.requests
        .matching({ method: "GET", path: "/jobs" })
        .some(
          (r) => r.query.status === "finished" && r.query.limit === "1" && r.query.offset === "1",
        ),
    ).toBe(true);
    const pretty = await cli("list", "--status", "finished", "--limit", "1");
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toMatch(
      /^id +status +function +created\n[0-9a-f-]{36} +finished +test\/echo +\S+\n$/,
    );
    expect(pretty.stderr).toBe("next page: --offset 1\n");
  });

  it("cancel cancels a running job", async () => {
    const { id } = await clientFor(emu).jobs.push({ function: "test/forever", inputs: {} });
    await untilStatus(emu, id, ["processing"], 5_000);
    const result = await cli("cancel", id);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).not.toBe("");
    expect(emu.jobs.get(id)?.status).toBe("cancelled");
  });

  it("function, versions and function-jobs (key and URL from the environment)", async () => {
    const id = await finishedJob("test/echo");
    const env = cliEnv({ SIEVE_API_KEY: emu.apiKey, SIEVE_API_URL: emu.url });
    const [info, versions, jobs] = await Promise.all([
      cli("function", "test/echo", "--json"),
      cli("versions", "test/echo", "--limit", "5", "--json"),
      runCliProcess(["function-jobs", "test/echo", "--status", "finished", "--json"], { env }),
    ]);
    const fn = JSON.parse(info.stdout) as SieveFunction;
    expect([fn.owner_name, fn.name, fn.description]).toEqual(["test", "echo", "Echoes its text."]);
    expect(versions.code).toBe(0);
    const list = JSON.parse(versions.stdout) as FunctionVersion[];
    expect(list.map((v) => v.id)).toEqual([fn.latest_version?.id]);
    expect(jobs.code).toBe(0);
    const page = JSON.parse(jobs.stdout) as JobPage;
    expect(page.data.map((job) => job.id)).toContain(id);
    expect(page.data.every((job) => job.status === "finished")).toBe(true);
  });

  it("--help exits 0 and lists every command; a usage error exits 2 with one line", async () => {
    const [help, usage] = await Promise.all([
      runCliProcess(["--help"]),
      cli("push", "test/echo", "--input", "novalue"),
    ]);
    expect(help.code).toBe(0);
    for (const command of ["push", "get", "list", "cancel", "wait", "run", "function", "versions"])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(help.stdout).toMatch(/^  function-jobs <owner\/name> /m);
    expect(help.stdout).toMatch(/^  emulator /m);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe("");
    expectOneErrorLine(usage.stderr, /Invalid --input: expected key=value/);
  });

  it("exits 3 on an API error and on a network error, with one line", async () => {
    const port = await freePort();
    const [missing, refused] = await Promise.all([
      cli("get", "no-such-job"),
      runCliProcess(["list", "--api-key", "k", "--base-url", `http://127.0.0.1:${port}/v2`]),
    ]);
    expect(missing.code).toBe(3);
    expectOneErrorLine(
      missing.stderr,
      /^sieve-client: 404 GET http:\/\/127\.0\.0\.1:\d+\/v2\/jobs\/no-such-job: /,
    );
    expect(refused.code).toBe(3);
    expectOneErrorLine(refused.stderr, /ECONNREFUSED/);
  });

  it("--debug adds the stack trace and each request", async () => {
    const { code, stderr } = await cli("get", "no-such-job", "--debug");
    expect(code).toBe(3);
    expect(stderr).toMatch(/^sieve-client: GET http:\/\/127\.0\.0\.1:\d+\/v2\/jobs\/no-such-job$/m);
    expect(stderr).toMatch(/^SieveNotFoundError: 404 GET/m);
    expect(stderr).toMatch(/^\s+at /m);
  });
});
