import type { Job } from "../../../generated/sieve.js";
import { makeJob, makeOutput } from "../../support/job-fixtures.js";

/** The id the overhead benchmark reads. */
export const FIXED_JOB_ID = "0f8b2c9e-6d41-4a7b-9c35-2e1d7a4b8f60";

/** The API key every overhead contender sends. */
export const FIXED_API_KEY = "bench-key";

/**
 * The job the overhead server answers: a finished job with two outputs, about 600 bytes of
 * JSON, the size of a typical `GET /jobs/{id}` answer.
 */
export const FIXED_JOB: Job = makeJob(
  "finished",
  [makeOutput("Hola, ¿qué tal?"), makeOutput({ url: "https://example.com/dubbed.mp4" })],
  {
    id: FIXED_JOB_ID,
    inputs: { target_language: { type: "str", name: "target_language", data: "spanish" } },
    completed_at: "2026-11-22T10:00:09.000000",
  },
);
