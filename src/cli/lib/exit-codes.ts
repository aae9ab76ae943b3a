/**
 * The exit codes of `sieve-client`, documented in the README's "Command line" section. A script
 * can retry on `apiError` (the job's fate is unknown) but not on `jobFailed` (the job ended), and
 * must check on its jobs after `mayBeRunning`.
 */
export const ExitCode = {
  /** The command succeeded (and its output was written); for `wait` and `run`, the job finished. */
  ok: 0,
  /**
   * `wait`/`run`: the job ended in `error` or was cancelled; `batch`: at least one request did
   * not end with a finished job (its job failed or was cancelled, its push was refused or may
   * have created a job whose id is unknown).
   */
  jobFailed: 1,
  /** Unknown command or option, missing argument, bad `--input`, bad configuration. */
  usage: 2,
  /**
   * The API answered an error, the network failed, or `--timeout` ran out before the job ended
   * (`run` then cancelled its job, found it had already ended, or no job was created).
   */
  apiError: 3,
  /**
   * `run` (or `batch`) stopped early (Ctrl-C, SIGTERM, a closed stdout, `--timeout`) and a job
   * may still be running: its cancel failed or was never confirmed (a second Ctrl-C), or the
   * push may have created a job whose id never came back. The message names the job, or says
   * to run `sieve-client list`.
   */
  mayBeRunning: 4,
  /** A bug in the CLI itself: the message says what, `--debug` shows where. */
  internal: 70,
  /**
   * Writing to stdout failed (ENOSPC, EIO...): the output is incomplete; `run` cancelled its job
   * (or it had already ended, or none was created). One line on stderr says why, and what was
   * done when `push`, `cancel` or `run` had done it (`pushed job X, but could not print its id`).
   */
  outputFailed: 74,
  /** Interrupted by Ctrl-C (SIGINT); `run` cancelled its job, it had already ended, or none was created. */
  interrupted: 130,
  /**
   * stdout was closed (EPIPE, e.g. `| head -1`), as for a process killed by SIGPIPE (128 + 13);
   * `run` cancelled its job first (or it had already ended, or none was created). Silent, unless
   * `push`, `cancel` or `run` had done something: then one line says what (`pushed job X, but
   * could not print its id: stdout was closed`).
   */
  outputClosed: 141,
  /** Stopped by SIGTERM; `run` cancelled its job, it had already ended, or none was created. */
  terminated: 143,
} as const;

/** One of the values of `ExitCode`. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
