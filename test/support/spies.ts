import { vi } from "vitest";
import type { Logger, RetryInfo } from "../../src/index.js";

/** A logger whose four methods are spies, and every line it was given. */
export function spyLogger() {
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const lines = (level?: keyof typeof logger): string[] =>
    (level ? [level] : (Object.keys(logger) as (keyof typeof logger)[])).flatMap((name) =>
      logger[name].mock.calls.map((args: unknown[]) => args.map(String).join(" ")),
    );
  return { logger: logger satisfies Logger, lines };
}

/** An `onRetry` spy and the payloads it was called with. */
export function spyOnRetry() {
  const onRetry = vi.fn<(info: RetryInfo) => void>();
  const payloads = (): RetryInfo[] => onRetry.mock.calls.map(([info]) => info);
  return { onRetry, payloads };
}
