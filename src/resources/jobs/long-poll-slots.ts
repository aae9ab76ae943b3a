/** The long-polls one client has open, never more than its `maxLongPolls`. */
export interface LongPollSlots {
  /** Takes a slot if one is free; false when every slot is held. */
  take(): boolean;
  /** Gives a taken slot back. */
  release(): void;
}

/**
 * Slots for `limit` long-polls at once. A held `await` request holds a connection for up to the
 * server's hold, so a client with many waits keeps only `limit` of them long-polling and lets the
 * others poll, rather than queueing every other call behind them in the connection pool.
 */
export function createLongPollSlots(limit: number): LongPollSlots {
  let open = 0;
  return {
    take: () => open < limit && ++open > 0,
    release: () => void (open = Math.max(0, open - 1)),
  };
}
