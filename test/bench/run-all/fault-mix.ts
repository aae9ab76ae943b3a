import type { FaultChoice, RequestClass } from "../../soak/fault-feeder.js";
import { weighted } from "../../soak/fault-feeder.js";

/** Pushes, as the emulator's request log and fault queue match them. */
export const PUSHES = { method: "POST", path: "/push" } as const;
/** The reads of a wait: the `await` long-poll and the polls it falls back to. */
export const JOB_READS = { method: "GET", path: /^\/jobs\/[^/]+(\/await)?$/ } as const;

const status = (code: number): FaultChoice => ({ kind: `${code}`, spec: { status: code } });
const rateLimited = (seconds: number): FaultChoice => ({
  kind: `429 (Retry-After: ${seconds})`,
  spec: { status: 429, retryAfter: seconds },
});
const reset: FaultChoice = { kind: "connection reset", spec: { drop: "before-response" } };
const answerLost: FaultChoice = { kind: "answer lost", spec: { drop: "mid-response" } };

/**
 * The runAll benchmark's faults, `rate` of each kind of request, the kinds
 * test/integration/run-all-on-emulator.test.ts uses: 5xx, 429 with `Retry-After`, connections
 * reset before any answer, and answers lost half-way (on a push: the job is created, the client
 * cannot know it). A push the batch may not resend (5xx, reset, answer lost) ends its item
 * ambiguous; a 429 is resent, and a `Retry-After: 1` pauses every push of the batch for 1 s, so
 * it is rare (about 5 per 10,000 pushes at 20 %) to keep the run short. Polls get every kind.
 */
export function runAllFaultClasses(rate: number): RequestClass[] {
  return [
    {
      name: "pushes",
      matching: PUSHES,
      draw: weighted(rate, [
        [30, rateLimited(0)],
        [0.25, rateLimited(1)],
        [20, status(503)],
        [20, reset],
        [30, answerLost],
      ]),
    },
    {
      name: "job reads",
      matching: JOB_READS,
      draw: weighted(rate, [
        [20, status(503)],
        [5, status(500)],
        [15, rateLimited(0)],
        [5, rateLimited(1)],
        [25, reset],
        [30, answerLost],
      ]),
    },
  ];
}
