import type { JobStatus } from "../../node.js";

// The parsed options live apart from args.ts so that context.ts can name them without
// importing the parser: args.ts -> command-spec.ts -> context.ts would lead back to args.ts.

/** The options every command takes. */
export interface GlobalOptions {
  /** `--json`: one JSON document on stdout. */
  json: boolean;
  /** `--debug`: stack traces, and each request on stderr. */
  debug: boolean;
  /** `--api-key`, when given (else `SIEVE_API_KEY`). */
  apiKey: string | undefined;
  /** `--base-url`, when given (else `SIEVE_API_URL`, else the client's default). */
  baseUrl: string | undefined;
  /** `--allow-insecure-http`: allow a plain `http://` base URL to a host that is not loopback. */
  allowInsecureHttp: boolean;
}

/** The command-specific options, checked and converted (undefined when not given). */
export interface CommandOptions {
  /** Each `--input`, still as written (`parseInputs` reads them). */
  inputs: string[];
  status: JobStatus | undefined;
  limit: number | undefined;
  offset: number | undefined;
  /** `--timeout`, in milliseconds. */
  timeoutMs: number | undefined;
  port: number | undefined;
  /** `--follow`: keep reading until the job ends. */
  follow: boolean;
  /** `--cors`: the emulator lets web pages of any origin call it. */
  cors: boolean;
  /** Each `--allow-host`: more `Host` names the emulator answers. */
  allowHosts: string[];
  /** `--concurrency`: how many jobs `batch` keeps in flight. */
  concurrency: number | undefined;
  /** `--out`: the file `batch` writes its results to. */
  out: string | undefined;
  /** `--journal`: the journal file that makes `batch` resumable. */
  journal: string | undefined;
}
