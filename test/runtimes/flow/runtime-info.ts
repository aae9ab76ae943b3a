/** Runtime globals the flow looks at to name the runtime it runs in. */
interface RuntimeGlobals {
  Bun?: { version: string };
  Deno?: { version: { deno: string } };
  process?: { versions?: { node?: string } };
  navigator?: { userAgent?: string };
}

/**
 * The runtime the flow runs in, by its globals: Bun and Deno first (both also have `process`),
 * workerd by its fixed `navigator.userAgent`, then Node, then Chromium by its user agent.
 * workerd does not expose its version: the harness fills it in.
 */
export function describeRuntime(): { name: string; version: string } {
  const g = globalThis as RuntimeGlobals;
  if (g.Bun) return { name: "bun", version: g.Bun.version };
  if (g.Deno) return { name: "deno", version: g.Deno.version.deno };
  const userAgent = g.navigator?.userAgent ?? "";
  if (userAgent === "Cloudflare-Workers") return { name: "workerd", version: "" };
  const node = g.process?.versions?.node;
  if (node) return { name: "node", version: node };
  const chrome = /(?:HeadlessChrome|Chrome)\/([\d.]+)/.exec(userAgent);
  if (chrome) return { name: "chromium", version: chrome[1] ?? "" };
  return { name: "unknown", version: userAgent };
}
