import { expect } from "vitest";

/**
 * Awaits `promise`, expects it to reject with an instance of `Class`, and returns that error.
 *
 * @example
 * const error = await rejectionOf(sieve.jobs.run(request, { signal }), SieveRunAbortedError);
 */
export async function rejectionOf<E>(
  promise: Promise<unknown>,
  Class: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Class);
  return error as E;
}
