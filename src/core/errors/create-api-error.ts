import { SieveApiError, type ApiErrorInit } from "./sieve-api-error.js";
import { SieveBadRequestError } from "./sieve-bad-request-error.js";
import { SieveAuthenticationError } from "./sieve-authentication-error.js";
import { SievePaymentRequiredError } from "./sieve-payment-required-error.js";
import { SievePermissionError } from "./sieve-permission-error.js";
import { SieveNotFoundError } from "./sieve-not-found-error.js";
import { SieveValidationError } from "./sieve-validation-error.js";
import { SieveRateLimitError } from "./sieve-rate-limit-error.js";
import { SieveServerError } from "./sieve-server-error.js";

const classByStatus: Record<number, typeof SieveApiError> = {
  400: SieveBadRequestError,
  401: SieveAuthenticationError,
  402: SievePaymentRequiredError,
  403: SievePermissionError,
  404: SieveNotFoundError,
  422: SieveValidationError,
  429: SieveRateLimitError,
};

/**
 * Builds the error class that fits `init.status` (`SieveApiError` for any other status).
 */
export function createApiError(init: ApiErrorInit): SieveApiError {
  if (init.status >= 500 && init.status <= 599) return new SieveServerError(init);
  const ErrorClass = classByStatus[init.status] ?? SieveApiError;
  return new ErrorClass(init);
}
