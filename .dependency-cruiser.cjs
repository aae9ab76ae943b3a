/**
 * The dependency check (`npm run lint:deps`, part of `npm test`). The repository holds three
 * products: the client (everything in `src/` but `src/emulator/` and `src/cli/`), the emulator
 * and the CLI, plus `examples/`. The emulator, the CLI and the examples use the client only
 * through its public entries (`src/index.ts`, `src/node.ts`), and the CLI and the examples use
 * the emulator only through its public entry (`src/emulator/index.ts`), the way a user of the
 * package does. The client never imports the emulator or the CLI. No file imports itself back,
 * not even through a type-only import. test/architecture/dependency-check.test.ts proves that
 * each rule fails when broken.
 *
 * @type {import("dependency-cruiser").IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      severity: "error",
      comment:
        "An import cycle, type-only imports included. Move what both sides need into a module both import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "client-imports-no-product",
      severity: "error",
      comment:
        "The client (src/ but src/emulator/ and src/cli/) must not import the emulator or the CLI.",
      from: { path: "^src/", pathNot: "^src/(emulator|cli)/" },
      to: { path: "^src/(emulator|cli)/" },
    },
    {
      name: "emulator-uses-public-client",
      severity: "error",
      comment:
        "The emulator imports the client only through src/index.ts or src/node.ts (and generated/ for the API's types), never a client internal.",
      from: { path: "^src/emulator/" },
      to: { path: "^src/", pathNot: "^src/(emulator/|cli/|index\\.ts$|node\\.ts$)" },
    },
    {
      name: "emulator-imports-no-cli",
      severity: "error",
      comment: "The emulator does not know the CLI.",
      from: { path: "^src/emulator/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "cli-uses-public-entries",
      severity: "error",
      comment:
        "The CLI imports the client only through src/index.ts or src/node.ts, and the emulator only through src/emulator/index.ts.",
      from: { path: "^src/cli/" },
      to: {
        path: "^(src|generated)/",
        pathNot: "^src/(cli/|index\\.ts$|node\\.ts$|emulator/index\\.ts$)",
      },
    },
    {
      name: "examples-use-public-entries",
      severity: "error",
      comment:
        "An example imports only what a user of the package can: src/index.ts, src/node.ts and src/emulator/index.ts.",
      from: { path: "^examples/" },
      to: {
        path: "^(src|generated|test|scripts)/",
        pathNot: "^src/(index\\.ts|node\\.ts|emulator/index\\.ts)$",
      },
    },
    {
      name: "resolvable",
      severity: "error",
      comment:
        "An import the check cannot resolve would escape every rule above: fix the path (or the resolution options).",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count: a type cycle is a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)node_modules/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".d.ts", ".json"],
    },
  },
};
