import { checkPushRequest, SieveInputError } from "../../../node.js";

/**
 * Why a parsed line of a `batch` file is not a push request the client would send, or undefined
 * when it is one: the client's own check (`checkPushRequest`), so that a file is refused before
 * anything is pushed for exactly what `jobs.runAll` would refuse item by item.
 */
export function describeRequestProblem(value: unknown): string | undefined {
  try {
    checkPushRequest(value);
    return undefined;
  } catch (error) {
    if (error instanceof SieveInputError) return error.message;
    throw error;
  }
}
