/**
 * Prints the top entries of a `.cpuprofile` (from `node --cpu-prof`, see `profile-get.ts`) by
 * self time, and the time spent under each of the client's own source files (its frames and
 * all they call), each as a share of the busy (not idle) time sampled.
 *
 *   node --import tsx test/bench/overhead/summarize-profile.ts <file.cpuprofile> [top=30] [requests]
 *
 * Given the number of requests the profiled run sent (`profile-get.ts` prints it), each share is
 * followed by its microseconds per request.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, requestsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: summarize-profile.ts <file.cpuprofile> [top] [requests]");
const top = Number(topArg ?? 30);
const requests = requestsArg === undefined ? undefined : Number(requestsArg);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const idle = new Set(
  profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id),
);
let total = 0;
for (const [id, micros] of selfMicros) if (!idle.has(id)) total += micros;

const where = ({ functionName, url, lineNumber }: ProfileNode["callFrame"]) => {
  const short = url.replace(/^.*\/(node_modules\/|src\/)/, "$1");
  return `${functionName || "(anonymous)"} ${short}${short ? `:${lineNumber + 1}` : ""}`;
};
const bySelf = new Map<string, number>();
for (const node of profile.nodes) {
  const name = where(node.callFrame);
  bySelf.set(name, (bySelf.get(name) ?? 0) + (selfMicros.get(node.id) ?? 0));
}
const percent = (micros: number) =>
  `${((micros / total) * 100).toFixed(1).padStart(5)} %` +
  (requests ? `${(micros / requests).toFixed(2).padStart(7)} µs` : "");

const perRequest = requests ? `, ${(total / requests).toFixed(1)} µs per request` : "";
console.log(`${(total / 1_000).toFixed(0)} ms busy${perRequest}; top ${top} by self time:`);
const busy = [...bySelf].filter(([name]) => !name.startsWith("(idle)"));
for (const [name, micros] of busy.sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${percent(micros)}  ${name}`);
}

// Total (inclusive) time under each of the client's source files, outermost frame counted once.
const parent = new Map<number, ProfileNode>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const underFile = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  if (idle.has(id)) continue;
  const files = new Set<string>();
  for (let node = byId.get(id); node; node = parent.get(node.id)) {
    const match = /\/src\/(.+\.ts)$/.exec(node.callFrame.url);
    if (match?.[1]) files.add(match[1]);
  }
  for (const name of files) underFile.set(name, (underFile.get(name) ?? 0) + micros);
}
console.log("\ntotal time under each client source file:");
for (const [name, micros] of [...underFile].sort((a, b) => b[1] - a[1])) {
  console.log(`${percent(micros)}  src/${name}`);
}
