/**
 * The exit codes of `sieve-client`, documented in the README's "Command line" section. A script
 * can retry on `apiError` (the job's fate is unknown) but not on `jobFailed` (the job ended).
 *
 * @example
 * process.exitCode = ExitCode.usage;
 */
export const ExitCode = {
  /** The command succeeded; for `wait` and `run`, the job finished. */
  ok: 0,
  /** `wait`/`run`: the job ended in `error` or was cancelled. */
  jobFailed: 1,
  /** Unknown command or option, missing argument, bad `--input`, bad configuration. */
  usage: 2,
  /** The API answered an error, the network failed, or `--timeout` ran out before the job ended. */
  apiError: 3,
  /** A bug in the CLI itself: the message says what, `--debug` shows where. */
  internal: 70,
  /** Interrupted by Ctrl-C (SIGINT), after `run` cancelled its job. */
  interrupted: 130,
  /** Stopped by SIGTERM, after `run` cancelled its job. */
  terminated: 143,
} as const;

/** One of the values of `ExitCode`. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
