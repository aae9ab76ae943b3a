/**
 * Runs `task(0)` ... `task(count - 1)` with at most `width` running at once.
 *
 * @example
 * await inParallel(1_000, 32, async (n) => push(n));
 */
export async function inParallel(
  count: number,
  width: number,
  task: (n: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}
