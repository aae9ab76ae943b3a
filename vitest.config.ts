import { defineConfig } from "vitest/config";

/**
 * The test tiers. `unit` is every `*.test.ts` under test/ that no other tier lists: pure tests
 * (no sockets, servers or child processes, which its setup file makes throw), run in seconds by
 * `npm run test:unit`. test/architecture/test-tiers.test.ts checks that each test file belongs to
 * exactly one tier and that every path listed here still matches a file.
 */
export const tiers = {
  /** Local servers (node:http), the emulator, CLI processes, the pseudo-terminal. */
  integration: [
    "test/integration/**/*.test.ts",
    "test/emulator/**/*.test.ts",
    "test/support/prism.test.ts",
    "test/cli/batch-cli.test.ts",
    "test/cli/batch-stop.test.ts",
    "test/cli/commands.test.ts",
    "test/cli/emulator-command.test.ts",
    "test/cli/emulator-cors.test.ts",
    "test/cli/flags.test.ts",
    "test/cli/lost-output.test.ts",
    "test/cli/run-cli.test.ts",
    "test/cli/startup-imports.test.ts",
    "test/cli/tty.test.ts",
    "test/cli/wait-run.test.ts",
    "test/cli/whole-api-commands.test.ts",
    "test/docs/readme-runnable.test.ts",
    "test/examples/main.test.ts",
    "test/core/http/redirects-server.test.ts",
    "test/core/http/stalled-body.test.ts",
    "test/core/http/undici-lazy-load.test.ts",
    "test/core/http/undici-sender.test.ts",
    "test/reliability/abort-stages.test.ts",
    "test/reliability/cli-run-interrupt.test.ts",
    "test/reliability/cli-stdout-errors.test.ts",
    "test/reliability/failure-rule.test.ts",
    "test/reliability/fault-matrix-get.test.ts",
    "test/reliability/fault-matrix-jobs.test.ts",
    "test/reliability/fault-matrix-push.test.ts",
    "test/reliability/header-config.test.ts",
    "test/reliability/header-secrets.test.ts",
    "test/reliability/job-error-secrets.test.ts",
    "test/reliability/json-inputs-emulator.test.ts",
    "test/reliability/observers.test.ts",
    "test/reliability/paging-no-duplicates-emulator.test.ts",
    "test/reliability/redirect-headers.test.ts",
    "test/reliability/response-safety.test.ts",
    "test/reliability/response-shape.test.ts",
    "test/reliability/run-cancellation.test.ts",
    "test/reliability/secret-hygiene.test.ts",
    "test/reliability/transport-fixes.test.ts",
    "test/reliability/transport-safety.test.ts",
    "test/reliability/typed-failures.test.ts",
    "test/scripts/spec-diff.test.ts",
  ],
  /** The API contract against a Prism mock of openapi/sieve.yaml, started once by globalSetup. */
  contract: ["test/contract/**/*.test.ts"],
  /**
   * What ships: npm pack, install and consume, publint/attw, the LICENSE in the tarball, the
   * esbuild bundle of the main entry (esbuild runs as a child process), and the README examples
   * (two whole-program TypeScript compiles: pure, but 15 s).
   */
  package: [
    "test/package/pack-consume.test.ts",
    "test/docs/license.test.ts",
    "test/docs/readme-examples.test.ts",
    "test/perf/bundle-size.test.ts",
  ],
  /**
   * The packed package in Node (both entries), Bun, Deno, headless Chromium and workerd: one
   * smoke flow against the emulator in each runtime, run one after another (test/runtimes/).
   */
  runtimes: ["test/runtimes/**/*.test.ts"],
  soak: ["test/soak/**/*.test.ts"],
} as const;

const notTests = ["**/node_modules/**", "test/bench/**"];

export default defineConfig({
  test: {
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...notTests, ...Object.values(tiers).flat()],
          setupFiles: ["test/support/unit-setup.ts"],
          // Pure tests share one module graph per worker: 3x faster (see unit-setup.ts).
          isolate: false,
          typecheck: {
            enabled: true,
            include: ["test/**/*.test-d.ts"],
            tsconfig: "test/support/tsconfig.type-tests.json",
          },
        },
      },
      {
        test: {
          name: "integration",
          include: [...tiers.integration],
          exclude: notTests,
        },
      },
      {
        test: {
          name: "contract",
          include: [...tiers.contract],
          exclude: notTests,
          globalSetup: ["test/contract/global-setup.ts"],
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: "package",
          include: [...tiers.package],
          exclude: notTests,
        },
      },
      {
        test: {
          name: "runtimes",
          include: [...tiers.runtimes],
          exclude: notTests,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: "soak",
          include: [...tiers.soak],
          exclude: notTests,
          testTimeout: 600_000,
        },
      },
    ],
  },
});
