/**
 * Whether this code runs in a web page (a `window` with a `document`, and a `navigator`), as the
 * OpenAI SDK tells: not in Node, Deno, Bun, Workers or a service worker.
 */
export function isBrowser(): boolean {
  const scope = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return (
    typeof scope.window === "object" &&
    scope.window !== null &&
    typeof scope.window.document !== "undefined" &&
    typeof scope.navigator !== "undefined"
  );
}
