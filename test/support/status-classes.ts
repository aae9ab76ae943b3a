import {
  SieveApiError,
  SieveAuthenticationError,
  SieveBadRequestError,
  SieveNotFoundError,
  SievePaymentRequiredError,
  SievePermissionError,
  SieveRateLimitError,
  SieveServerError,
  SieveValidationError,
} from "../../src/index.js";

/** The error class each HTTP status must become (the table), for `it.each`. */
export const STATUS_CLASSES = [
  [400, SieveBadRequestError],
  [401, SieveAuthenticationError],
  [402, SievePaymentRequiredError],
  [403, SievePermissionError],
  [404, SieveNotFoundError],
  [422, SieveValidationError],
  [429, SieveRateLimitError],
  [500, SieveServerError],
  [501, SieveServerError],
  [502, SieveServerError],
  [503, SieveServerError],
  [504, SieveServerError],
  [599, SieveServerError],
  [409, SieveApiError],
  [418, SieveApiError],
] as const;
