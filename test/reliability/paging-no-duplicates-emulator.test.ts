/**
 * The emulator half of paging-no-duplicates.test.ts (which is a unit test): through both entries,
 * jobs pushed while `jobs.all` pages are never yielded twice.
 */
import { describe, expect, it } from "vitest";
import { ENTRIES, clientOf, useReliabilityEmulators } from "./support.js";

describe.each(ENTRIES)("against the emulator, %s", (_entry, create) => {
  const emulators = useReliabilityEmulators();

  it("jobs pushed while jobs.all pages are not yielded twice", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator);
    const before: string[] = [];
    for (let i = 0; i < 6; i++) {
      before.push((await sieve.jobs.push({ function: "demo/echo", inputs: { text: `${i}` } })).id);
    }
    const seen: string[] = [];
    for await (const item of sieve.jobs.all({ pageSize: 2 })) {
      seen.push(item.id);
      // Two new jobs at the head for each of the first ten read: pages start on old ground.
      if (seen.length <= 10) {
        await sieve.jobs.push({ function: "demo/echo", inputs: { text: "new" } });
        await sieve.jobs.push({ function: "demo/echo", inputs: { text: "new" } });
      }
      if (seen.length > 100) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
    expect(emulator.requests.count({ method: "GET", path: "/jobs" })).toBeGreaterThan(2);
  });
});
