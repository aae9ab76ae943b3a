import { SieveApiError } from "./sieve-api-error.js";

/**
 * 402: the organization is out of credits and has no payment method.
 *
 * @example
 * if (error instanceof SievePaymentRequiredError) await notifyBilling(error.message);
 */
export class SievePaymentRequiredError extends SieveApiError {
  override name = "SievePaymentRequiredError";
}
