import type { paths } from "../../../generated/sieve.js";
import type {
  PathsWithMethod,
  RequestBodyJSON,
  SuccessResponseJSON,
} from "openapi-typescript-helpers";

/** The methods the client calls. */
export type HttpMethod = "get" | "post" | "delete";

/** The paths of the spec that have `method` (openapi-fetch's own helper). */
export type PathWith<M extends HttpMethod> = PathsWithMethod<paths, M>;

/** The operation at `path` and `method`, as the generated types describe it. */
export type Operation<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;

/** An operation's path parameters and query, as the spec types them, and its JSON body. */
export interface OperationInput<O> {
  path?: O extends { parameters: { path: infer X } } ? X : never;
  query?: O extends { parameters: { query?: infer Q } } ? Q : never;
  body?: RequestBodyJSON<O>;
}

/** The JSON body of an operation's success response (openapi-fetch's own helper). */
export type OperationResult<O> =
  O extends Record<string | number, unknown> ? SuccessResponseJSON<O> : never;
