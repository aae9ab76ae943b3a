import type { DetailedUsage } from "../../generated/sieve.js";
import { SieveConfigError } from "../index.js";

/** The machine types `DetailedUsage` reports apart; every other compute type is `other`. */
export type MachineKey = Exclude<
  keyof DetailedUsage,
  "total_compute_seconds" | "total_cost_dollars"
>;

const MACHINE_KEYS: readonly MachineKey[] = ["cpu", "a100", "a100-20gb", "v100", "l4", "t4"];

/** Approximate list prices in dollars per second, used when a function gives no price. */
const LIST_PRICES: Readonly<Record<MachineKey, number>> = {
  cpu: 0.0001,
  t4: 0.0003,
  l4: 0.0004,
  v100: 0.0008,
  a100: 0.0011,
  "a100-20gb": 0.0007,
  other: 0.0005,
};

/**
 * The `DetailedUsage` key a compute type is billed under.
 */
export function machineKey(computeType: string): MachineKey {
  return (MACHINE_KEYS as readonly string[]).includes(computeType)
    ? (computeType as MachineKey)
    : "other";
}

/**
 * The price per second of a function: its own `pricePerSecond`, else the list price of its
 * machine type. Throws a SieveConfigError for a price that is not a finite number >= 0.
 */
export function pricePerSecond(ref: string, computeType: string, price?: number): number {
  if (price === undefined) return LIST_PRICES[machineKey(computeType)];
  if (!Number.isFinite(price) || price < 0) {
    throw new SieveConfigError(`startEmulator: ${ref}.pricePerSecond must be >= 0, got ${price}`);
  }
  return price;
}
