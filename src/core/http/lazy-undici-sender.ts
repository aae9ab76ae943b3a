import { untilAborted } from "../utils/until-aborted.js";
import type { Sender } from "./http-types.js";

/** What the lazy sender loads: the module of the undici sender. */
export type UndiciSenderModule = Pick<typeof import("./undici-sender.js"), "createUndiciSender">;

/**
 * The Node entry's sender: the undici sender (`undici-sender.ts`, with undici and `node:zlib`,
 * most of what importing the entry used to cost) with `settings`, loaded on the first request
 * instead of at import, through `load` (a dynamic `import()` by default; a test passes a slow or
 * failing one). Its `ready` starts the load, and the transport waits for it before an attempt's
 * timer starts, so the load never counts against `timeoutMs`; an abort still ends the wait at
 * once. A failed load is tried again by the next request, never cached. Every client still
 * shares one agent per protocol.
 */
export function createLazyUndiciSender(
  settings: { http2?: boolean } = {},
  load: () => Promise<UndiciSenderModule> = () => import("./undici-sender.js"),
): Sender {
  let loaded: Sender | undefined;
  let loading: Promise<Sender> | undefined;
  const start = (): Promise<Sender> =>
    (loading ??= load().then(
      (module) => (loaded = module.createUndiciSender(settings)),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  // Once loaded, the inner sender's own promise: no async frame of its own per request (a held
  // long-poll keeps every frame of its chain). Before that, a failed load is no network failure;
  // only a sender called without its `ready` awaited gets there, and pays for a signal.
  const send: Sender = (request, attempt, options) =>
    loaded
      ? loaded(request, attempt, options)
      : untilAborted(start(), attempt.signal).then((sender) => sender(request, attempt, options));
  send.ready = () => (loaded ? undefined : start());
  return send;
}
