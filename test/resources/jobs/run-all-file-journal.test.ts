/**
 * The file journal of `sieve.jobs.runAll` (a path in `options.journal`): JSON lines appended in
 * order, each before its step; a last line cut short by a crash dropped (or completed when it
 * can be read); a line that is not JSON refusing the whole journal; a rerun pushing nothing twice.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SieveJournalError, type BatchJournalEntry, type BatchResult } from "../../../src/index.js";
// The Node entry registers the file journal; importing it here is what a Node user's import does.
import "../../../src/node.js";
import { openFileJournal } from "../../../src/resources/jobs/batch/file-journal.js";
import { testClient } from "../../support/fake-fetch.js";
import { fakeSieve } from "./fake-sieve.js";

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sieve-journal-"));
  path = join(dir, "batch.jsonl");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async () =>
  (await readFile(path, "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BatchJournalEntry);

describe("the file journal", () => {
  it("starts empty, and appends entries in order, one line each", async () => {
    const journal = await openFileJournal(path);
    expect(await journal.load()).toEqual([]);
    await Promise.all([
      journal.append({ type: "pushing", index: 0, key: "k" }),
      journal.append({ type: "pushed", index: 0, jobId: "job-1" }),
      journal.append({ type: "ended", index: 0, jobId: "job-1", status: "finished" }),
    ]);
    await journal.close();
    expect((await lines()).map((entry) => entry.type)).toEqual(["pushing", "pushed", "ended"]);
  });

  it("drops a last line cut short, and completes one that can be read", async () => {
    await writeFile(path, '{"type":"pushing","index":0,"key":"k"}\n{"type":"pushed","ind');
    const cut = await openFileJournal(path);
    expect(await cut.load()).toEqual([{ type: "pushing", index: 0, key: "k" }]);
    await cut.append({ type: "refused", index: 0 });
    await cut.close();
    expect((await lines()).map((entry) => entry.type)).toEqual(["pushing", "refused"]);

    await writeFile(path, '{"type":"pushing","index":1,"key":"k"}');
    const whole = await openFileJournal(path);
    expect(await whole.load()).toHaveLength(1);
    await whole.append({ type: "refused", index: 1 });
    await whole.close();
    expect(await lines()).toHaveLength(2);
  });

  it("refuses a journal with a line that is not JSON", async () => {
    await writeFile(path, 'garbage\n{"type":"refused","index":0}\n');
    await expect(openFileJournal(path)).rejects.toBeInstanceOf(SieveJournalError);
  });
});

describe("the journal's lock", () => {
  it("refuses a second opening while the first holds it, naming the process, until closed", async () => {
    const first = await openFileJournal(path);
    const error = await openFileJournal(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SieveJournalError);
    expect((error as Error).message).toContain(`in use by process ${process.pid} (this one)`);
    await first.close();
    const again = await openFileJournal(path);
    await again.close();
    await expect(readFile(`${path}.lock`)).rejects.toThrow(/ENOENT/);
  });

  it("takes over a lock whose process is gone (a batch killed before it let go)", async () => {
    // Linux pids stay below 2^22: no process has this one.
    await writeFile(`${path}.lock`, "4194304\n");
    const journal = await openFileJournal(path);
    expect(await readFile(`${path}.lock`, "utf8")).toBe(`${process.pid}\n`);
    await journal.close();
  });

  it("lets go when the journal cannot be read", async () => {
    await writeFile(path, "not json\n");
    await expect(openFileJournal(path)).rejects.toBeInstanceOf(SieveJournalError);
    await expect(readFile(`${path}.lock`)).rejects.toThrow(/ENOENT/);
  });
});

describe("jobs.runAll with a journal path", () => {
  it("writes every step, and a rerun waits on the jobs instead of pushing them again", async () => {
    const sieve = fakeSieve();
    const client = testClient(sieve.fetch);
    const requests = Array.from({ length: 4 }, (_, n) => ({
      function: "demo/echo",
      inputs: { n, ms: 2 },
    }));
    const run = async () => {
      const results: BatchResult<unknown>[] = [];
      for await (const result of client.jobs.runAll(requests, { journal: path, concurrency: 2 }))
        results.push(result);
      return results;
    };
    const first = await run();
    expect(first.every((result) => result.job && !result.resumed)).toBe(true);
    const entries = await lines();
    expect(entries.filter((entry) => entry.type === "ended")).toHaveLength(4);
    for (let index = 0; index < 4; index++) {
      const steps = entries.filter((entry) => entry.index === index).map((entry) => entry.type);
      expect(steps).toEqual(["pushing", "pushed", "ended"]);
    }
    expect(JSON.stringify(entries)).not.toContain("demo/echo");

    const second = await run();
    expect(second.every((result) => result.job && result.resumed)).toBe(true);
    expect(sieve.pushes).toHaveLength(4);
    // The ends it read again were in the journal already: a rerun does not grow it.
    expect(await lines()).toEqual(entries);
  });
});

describe("a journal path without the Node entry's file journal", () => {
  it("is a SieveJournalError that names the store to use, and nothing is sent", async () => {
    const { useFileJournals } = await import("../../../src/resources/jobs/batch/journal-store.js");
    const { fetch, requests } = await import("../../support/fake-fetch.js").then((m) =>
      m.fakeFetch(m.reply(200, {})),
    );
    useFileJournals(undefined as never);
    try {
      const run = testClient(fetch).jobs.runAll([{ function: "a/b", inputs: {} }], {
        journal: "/tmp/never-written.jsonl",
        concurrency: 1,
      });
      await expect(run.next()).rejects.toThrow(/needs the Node entry.*\{ load, append \} store/);
      expect(requests).toHaveLength(0);
    } finally {
      useFileJournals(openFileJournal);
    }
  });
});
