import type { Reporter, SerializedError, TestModule } from "vitest/node";

/**
 * Prints one plain closing line, `vitest: N passed, N failed` (and `, N skipped` when any), that
 * CI systems which do not parse vitest's own summary can read. A failed hook or import (which
 * fails a file or suite without failing a test) and an unhandled error each count as a failure.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      let hookErrors = module.errors().length;
      for (const suite of module.children.allSuites()) hookErrors += suite.errors().length;
      failed += hookErrors;
      if (hookErrors === 0 && module.state() === "failed" && module.children.size === 0) failed++;
    }
    const tail = skipped ? `, ${skipped} skipped` : "";
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed${tail}\n`);
  }
}
