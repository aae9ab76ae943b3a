/**
 * sieve-client/emulator: a stateful local Sieve API for development and tests (Node only).
 *
 * @example
 * import { startEmulator } from "sieve-client/emulator";
 * const emu = await startEmulator({ functions: { "demo/echo": { handler: (inputs) => inputs.text } } });
 */
export { DEFAULT_EMULATOR_API_KEY, startEmulator } from "./start-emulator.js";
export { demoFunctions } from "./demo-functions.js";
export { RequestLog } from "./request-log.js";
export { sieveTimestamp, sieveTypeOf, toFunctionIO } from "./sieve-format.js";
export type {
  EmulatedFunction,
  FunctionHandler,
  FunctionInputSpec,
  HandlerContext,
} from "./function-types.js";
export type {
  Emulator,
  EmulatorEvents,
  EmulatorJob,
  EmulatorOptions,
  FaultSpec,
  Faults,
  JobView,
  RecordedRequest,
  RequestMatcher,
} from "./types.js";
