import { SieveInputError } from "../errors/sieve-input-error.js";

/** The names of a window's two ends, for error messages: `params.start` and `params.end`. */
export interface WindowFields {
  start: string;
  end: string;
}

/**
 * Checks both ends of a time window with `convert` (which names the field at fault), then that
 * the end is not before the start when both are given (Sieve would answer 400), comparing them
 * by `order`. Returns the converted ends, to send.
 */
export function checkWindow<T>(
  fields: WindowFields,
  start: unknown,
  end: unknown,
  convert: (field: string, value: unknown) => T | undefined,
  order: (time: T) => number | string,
): { start: T | undefined; end: T | undefined } {
  const from = convert(fields.start, start);
  const to = convert(fields.end, end);
  if (from !== undefined && to !== undefined && order(to) < order(from))
    throw new SieveInputError(fields.end, `must not be before ${fields.start}`);
  return { start: from, end: to };
}
