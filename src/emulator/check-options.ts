import type { EmulatorOptions } from "./emulator-options.js";
import { isPlainObject } from "./plain-object.js";
import { SieveConfigError } from "../index.js";

/** The longest a Node.js timer can wait, so the longest `awaitHoldMs` or `webhookTimeoutMs`. */
const MAX_TIMER_MS = 2_147_483_647;
const MAX_INTEGER = Number.MAX_SAFE_INTEGER;

/** Every option of `EmulatorOptions`; the type makes a name left out or misspelt an error. */
const OPTION_NAMES = {
  port: true,
  apiKey: true,
  functions: true,
  requestLogLimit: true,
  webhookTimeoutMs: true,
  awaitHoldMs: true,
  maxConcurrency: true,
  organization: true,
  credits: true,
  cors: true,
  allowedHosts: true,
} satisfies Record<keyof EmulatorOptions, true>;
const KNOWN: readonly string[] = Object.keys(OPTION_NAMES);

type NumberOption = "port" | "requestLogLimit" | "webhookTimeoutMs" | "awaitHoldMs" | "credits";

/** The range of each number option, and whether it must be whole. */
const NUMBERS: Record<NumberOption, { min: number; max: number; integer: boolean }> = {
  port: { min: 0, max: 65_535, integer: true },
  requestLogLimit: { min: 1, max: MAX_INTEGER, integer: true },
  webhookTimeoutMs: { min: 0, max: MAX_TIMER_MS, integer: false },
  awaitHoldMs: { min: 0, max: MAX_TIMER_MS, integer: false },
  credits: { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, integer: false },
};

/**
 * Checks the options of `startEmulator` as far as their types go: an unknown name (a typo such
 * as `fucntions`) or a value of the wrong kind throws a SieveConfigError that names the option.
 * `maxConcurrency`, the functions, `cors` and `allowedHosts` are checked where they are used.
 */
export function checkOptions(options: unknown): EmulatorOptions {
  if (options === undefined) return {};
  if (!isPlainObject(options)) {
    throw new SieveConfigError(
      `startEmulator: options must be an object, got ${describe(options)}`,
    );
  }
  for (const name of Object.keys(options)) {
    if (KNOWN.includes(name)) continue;
    const near = KNOWN.find((known) => isNear(name, known));
    const hint = near === undefined ? "" : ` (did you mean "${near}"?)`;
    throw new SieveConfigError(
      `startEmulator: unknown option "${name}"${hint}. Known options: ${KNOWN.join(", ")}.`,
    );
  }
  for (const [name, rule] of Object.entries(NUMBERS)) {
    const value = options[name];
    if (value === undefined) continue;
    const { min, max, integer } = rule;
    const ok = typeof value === "number" && value >= min && value <= max;
    if (ok && (!integer || Number.isInteger(value))) continue;
    const kind = integer ? "an integer" : "a number";
    const range = min === -Number.MAX_VALUE ? "finite" : `from ${min} to ${max}`;
    throw new SieveConfigError(
      `startEmulator: ${name} must be ${kind}, ${range}, got ${describe(value)}`,
    );
  }
  for (const name of ["apiKey", "organization"]) {
    const value = options[name];
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw new SieveConfigError(
        `startEmulator: ${name} must be a non-empty string, got ${describe(value)}`,
      );
    }
  }
  if (options.functions !== undefined && !isPlainObject(options.functions)) {
    throw new SieveConfigError(
      `startEmulator: functions must be an object keyed "owner/name", got ${describe(options.functions)}`,
    );
  }
  return options;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

/** Whether `given` looks like a slip for `known`: same letters in another case, a prefix, or two edits away. */
function isNear(given: string, known: string): boolean {
  const a = given.toLowerCase();
  const b = known.toLowerCase();
  if (a.length >= 4 && b.startsWith(a)) return true;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return (previous[b.length] ?? Infinity) <= 2;
}
