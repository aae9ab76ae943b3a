import { describe, expect, it } from "vitest";
import { abortableSleep } from "../../../src/core/utils/abortable-sleep.js";
import { stoppableGenerator } from "../../../src/core/utils/stoppable-generator.js";

/** Yields 1, then sleeps an hour (until its signal aborts), then would yield 2. */
async function* slow(signal: AbortSignal, seen: { finallyRan: boolean }) {
  try {
    yield 1;
    await abortableSleep(3_600_000, signal);
    yield 2;
  } finally {
    seen.finallyRan = true;
  }
}

describe("stoppableGenerator", () => {
  it("return() while a next() is pending ends both at once, and runs the inner finally", async () => {
    const seen = { finallyRan: false };
    const generator = stoppableGenerator((signal) => slow(signal, seen), undefined);
    expect(await generator.next()).toEqual({ done: false, value: 1 });
    const pending = generator.next();
    const started = performance.now();
    expect(await generator.return()).toEqual({ done: true, value: undefined });
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(performance.now() - started).toBeLessThan(50);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.finallyRan).toBe(true);
    expect(await generator.next()).toEqual({ done: true, value: undefined });
  });

  it("a break out of for await returns at once", async () => {
    const seen = { finallyRan: false };
    for await (const value of stoppableGenerator((signal) => slow(signal, seen), undefined)) {
      expect(value).toBe(1);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.finallyRan).toBe(true);
  });

  it("the parent signal's abort rejects a pending next() with its reason", async () => {
    const controller = new AbortController();
    const seen = { finallyRan: false };
    const generator = stoppableGenerator((signal) => slow(signal, seen), controller.signal);
    await generator.next();
    const pending = generator.next();
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
    expect(await generator.next()).toEqual({ done: true, value: undefined });
  });

  it("an error of the inner generator reaches the caller once", async () => {
    const generator = stoppableGenerator(async function* () {
      yield 1;
      throw new Error("boom");
    }, undefined);
    await generator.next();
    await expect(generator.next()).rejects.toThrow("boom");
    expect(await generator.next()).toEqual({ done: true, value: undefined });
  });

  it("throw() stops the inner generator and rethrows", async () => {
    const seen = { finallyRan: false };
    const generator = stoppableGenerator((signal) => slow(signal, seen), undefined);
    await generator.next();
    await expect(generator.throw(new Error("from caller"))).rejects.toThrow("from caller");
  });
});
