/**
 * The soak (issue 5, item 2): `SOAK_JOBS` jobs (default 2 000) through `sieve.jobs.run`, 100 at a
 * time, against the emulator, with 20 % of requests given a transient fault. Every job must end
 * exactly once with its own result, the emulator must create exactly one job per input (however
 * many pushes it received), nothing may be rejected unhandled, and the heap must come back to
 * where it was. Prints the figures the README quotes. Run with `npm run test:soak`; a larger run
 * is `SOAK_JOBS=20000 npm run test:soak` (`SOAK_SEED` picks another fault sequence).
 */
import { availableParallelism } from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seededRandom } from "./fault-feeder.js";
import { settledHeapMb } from "./heap.js";
import { runSoak, type SoakFigures } from "./run-soak.js";

const JOBS = positiveInteger("SOAK_JOBS", 2_000);
const SEED = positiveInteger("SOAK_SEED", 1);
const CONCURRENCY = 100;
const HEAP_MARGIN_MB = 5;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});

it(`${JOBS} jobs, ${CONCURRENCY} at a time, 20 % of requests faulted: each ends once, right, pushed once`, async () => {
  // A short run first, so that what stays loaded for good (modules, compiled code, undici's pool)
  // is in the heap before it is measured.
  await runSoak({ jobs: 200, concurrency: CONCURRENCY, random: seededRandom(SEED + 1) });
  const heapBeforeMb = await settledHeapMb();

  const figures = await runSoak({
    jobs: JOBS,
    concurrency: CONCURRENCY,
    random: seededRandom(SEED),
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const heapAfterMb = await settledHeapMb();
  console.log(figuresBlock(figures, heapBeforeMb, heapAfterMb));

  expect(figures.wrongSamples).toEqual([]);
  expect(figures.wrong).toBe(0);
  expect(figures.right).toBe(JOBS);
  expect(figures.duplicates).toBe(0);
  expect(figures.missing).toBe(0);
  expect(figures.endedTwice).toBe(0);
  expect(unhandled).toEqual([]);

  const { polls, pushes } = figures.report as Record<string, (typeof figures.report)[string]>;
  expect(figures.feederRanDry).toBe(false);
  expect(figures.unmatchedRequests).toBe(0);
  expect(pushes?.requests).toBe(figures.pushesReceived);
  expect(polls?.requests).toBe(figures.pollsReceived);
  // Every push the emulator received is accounted for: one per job, one per 429 (refused before
  // anything was created, so resent), one per drop before any response (not resent by the client;
  // pushed again by the application once it saw no job).
  const refused = sumKinds(pushes?.faults, /^429/);
  const dropped = sumKinds(pushes?.faults, /^drop/);
  expect(dropped).toBe(figures.ambiguousPushes);
  expect(figures.pushesReceived).toBe(JOBS + refused + dropped);
  const faultShare = faultsInjected(figures) / (figures.pushesReceived + figures.pollsReceived);
  expect(faultShare).toBeGreaterThan(0.15);
  expect(faultShare).toBeLessThan(0.25);

  expect(heapAfterMb - heapBeforeMb).toBeLessThan(HEAP_MARGIN_MB);
  expect(figures.elapsedMs / 1_000).toBeLessThan(Math.max(60, JOBS * 0.03));
});

function faultsInjected(figures: SoakFigures): number {
  return Object.values(figures.report).reduce((sum, { faults }) => sum + sumKinds(faults), 0);
}

function sumKinds(faults: Record<string, number> | undefined, kind = /./): number {
  return Object.entries(faults ?? {})
    .filter(([name]) => kind.test(name))
    .reduce((sum, [, count]) => sum + count, 0);
}

function figuresBlock(figures: SoakFigures, heapBeforeMb: number, heapAfterMb: number): string {
  const requests = figures.pushesReceived + figures.pollsReceived;
  const injected = faultsInjected(figures);
  const kinds = (name: string) =>
    Object.entries(figures.report[name]?.faults ?? {})
      .map(([kind, count]) => `${kind} ${count}`)
      .join(", ");
  return [
    "soak figures",
    `  jobs               ${figures.jobs} (seed ${SEED})`,
    `  concurrency        ${figures.concurrency}`,
    `  requests received  ${requests} (${figures.pushesReceived} pushes, ${figures.pollsReceived} polls)`,
    `  faults injected    ${injected} (${((100 * injected) / requests).toFixed(1)} % of requests)`,
    `    on polls         ${kinds("polls")}`,
    `    on pushes        ${kinds("pushes")}`,
    `  pushes received    ${figures.pushesReceived}`,
    `  ambiguous pushes   ${figures.ambiguousPushes} (not resent by the client; pushed again after checking)`,
    `  jobs created       ${figures.jobs - figures.missing + figures.duplicates}`,
    `  duplicates         ${figures.duplicates}`,
    `  right results      ${figures.right}`,
    `  elapsed            ${(figures.elapsedMs / 1_000).toFixed(1)} s`,
    `  heap before/after  ${heapBeforeMb.toFixed(1)} MB / ${heapAfterMb.toFixed(1)} MB`,
    `  node               ${process.version}, ${availableParallelism()} cores`,
  ].join("\n");
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}
