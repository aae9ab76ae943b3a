/** One module of a dependency-cruiser result, reduced to what a folder graph needs. */
export interface CruisedModule {
  source: string;
  dependencies: Array<{ resolved: string }>;
}

/**
 * The folder-level import cycles among `modules`: pairs `[from, to]` of folders under `under`
 * where `from` imports `to` and `to` reaches `from` back through other imports. dependency-cruiser
 * checks cycles between files; this checks them between folders, so that each folder of `src/`
 * sits on one level of the architecture.
 *
 * @example
 * folderCycles([{ source: "src/a/x.ts", dependencies: [{ resolved: "src/b/y.ts" }] }], "src"); // []
 */
export function folderCycles(modules: CruisedModule[], under: string): Array<[string, string]> {
  const folder = (path: string) => path.slice(0, path.lastIndexOf("/"));
  const edges = new Map<string, Set<string>>();
  for (const module of modules) {
    const from = folder(module.source);
    for (const { resolved } of module.dependencies) {
      const to = folder(resolved);
      if (from === to || !to.startsWith(under)) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)?.add(to);
    }
  }
  const reaches = (start: string, goal: string) => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      for (const next of edges.get(stack.pop() as string) ?? []) {
        if (next === goal) return true;
        if (!seen.has(next)) (stack.push(next), seen.add(next));
      }
    }
    return false;
  };
  const cycles: Array<[string, string]> = [];
  for (const [from, tos] of edges)
    for (const to of tos) if (reaches(to, from)) cycles.push([from, to]);
  return cycles.sort();
}
