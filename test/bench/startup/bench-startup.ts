import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { figure, type Figure, type Target } from "../support/figures.js";
import { median, round, seededRandom } from "../support/stats.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const SECTION = "7 startup";

/** One command line, timed from spawn to exit in a fresh `node` process each round. */
export interface StartupContender {
  key: string;
  label: string;
  /** The arguments of `node`, run from the repository's root. */
  args: readonly string[];
  /** The exit code it must end with (default 0). */
  exitCode?: number;
  /** The target for its time over a bare start, when it has one. */
  overBare?: Target;
  /** The target for its whole wall time, when it has one (reported besides). */
  wallTime?: Target;
}

/** `node -e 'import("<specifier>")'`, as the issue measured an import. */
const importing = (specifier: string): string[] => ["-e", `import(${JSON.stringify(specifier)})`];

/**
 * What the section times: a bare `node -e ''` start, then the built package's two entries,
 * undici and openapi-fetch alone, and the CLI. The context: openapi-fetch, replicate and
 * @fal-ai/client import in 7 to 20 ms over a bare start.
 */
export const STARTUP_CONTENDERS: readonly StartupContender[] = [
  { key: "bare", label: "bare node -e ''", args: ["-e", ""] },
  {
    key: "emptyModule",
    label: "node empty.mjs (the floor of an ES-module command)",
    args: ["test/bench/startup/empty.mjs"],
  },
  {
    key: "nodeEntry",
    label: "import dist/src/node.js (Node entry)",
    args: importing("./dist/src/node.js"),
    overBare: { op: "<=", limit: 40 },
  },
  {
    key: "webEntry",
    label: "import dist/src/index.js (web entry)",
    args: importing("./dist/src/index.js"),
  },
  { key: "undici", label: "import undici alone", args: importing("undici") },
  {
    key: "openapiFetch",
    label: "import openapi-fetch alone (issue: 7-20 ms, as replicate, @fal-ai/client)",
    args: importing("openapi-fetch"),
  },
  {
    key: "cliVersion",
    label: "sieve-client --version",
    args: ["dist/src/cli/main.js", "--version"],
    wallTime: { op: "<", limit: 150 },
  },
  { key: "cliHelp", label: "sieve-client --help", args: ["dist/src/cli/main.js", "--help"] },
  {
    key: "cliCommand",
    label: "sieve-client get x, no key (loads the client, sends nothing)",
    args: ["dist/src/cli/main.js", "get", "x"],
    exitCode: 2,
  },
];

/** One contender's times, in ms. */
export interface StartupTimes {
  /** Median wall time of the process, spawn to exit. */
  medianMs: number;
  /** Median over the rounds of (this process - the bare start of the same round). */
  overBareMs: number;
  /** Each round's wall time. */
  rounds: number[];
}

/**
 * Runs every contender once per round, in a shuffled order (seeded, so that no contender always
 * runs first, last or right after the same one), `rounds` times, each in a fresh process with
 * SIEVE_* unset; returns each one's median wall
 * time and its median excess over the same round's bare start (the first contender).
 *
 * @example
 * const times = measureStartup(STARTUP_CONTENDERS, 20);
 */
export function measureStartup(
  contenders: readonly StartupContender[],
  rounds: number,
): Record<string, StartupTimes> {
  const env = { ...process.env };
  delete env.SIEVE_API_KEY;
  delete env.SIEVE_API_URL;
  const samples = new Map<string, number[]>(contenders.map((c) => [c.key, []]));
  const random = seededRandom(14);
  for (let r = 0; r < rounds; r++) {
    for (const contender of shuffled(contenders, random)) {
      const started = performance.now();
      const ran = spawnSync(process.execPath, contender.args, { cwd: root, env, stdio: "pipe" });
      const ms = performance.now() - started;
      if (ran.status !== (contender.exitCode ?? 0))
        throw new Error(`${contender.label}: exit ${ran.status}\n${String(ran.stderr)}`);
      samples.get(contender.key)?.push(ms);
    }
  }
  const bare = samples.get(contenders[0]?.key ?? "") ?? [];
  const times: Record<string, StartupTimes> = {};
  for (const [key, ms] of samples) {
    times[key] = {
      medianMs: round(median(ms), 1),
      overBareMs: round(median(ms.map((value, i) => value - (bare[i] ?? Number.NaN))), 1),
      rounds: ms.map((value) => round(value, 1)),
    };
  }
  return times;
}

/** A copy of `items` in an order drawn from `random` (Fisher-Yates). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * The startup section: times `STARTUP_CONTENDERS` over `rounds` interleaved rounds, on the
 * dist/ that `npm run bench` builds first. The targets: importing the Node entry costs at most 40 ms
 * over a bare start, and `sieve-client --version` takes under 150 ms in all.
 *
 * @example
 * const { figures } = await benchStartup(20);
 */
export async function benchStartup(
  rounds: number,
): Promise<{ rounds: number; times: Record<string, StartupTimes>; figures: Figure[] }> {
  const times = measureStartup(STARTUP_CONTENDERS, rounds);
  const figures = STARTUP_CONTENDERS.flatMap((c) => {
    const wall = times[c.key]?.medianMs ?? Number.NaN;
    if (c.key === "bare") return [figure(SECTION, `${c.label}, wall time`, wall, "ms")];
    const overBare = times[c.key]?.overBareMs ?? Number.NaN;
    const over = figure(SECTION, `${c.label}, over bare`, overBare, "ms", c.overBare);
    return c.wallTime
      ? [over, figure(SECTION, `${c.label}, wall time`, wall, "ms", c.wallTime)]
      : [over];
  });
  return { rounds, times, figures };
}
