import type { paths } from "../../../generated/sieve.js";

/** The methods the client calls. */
export type HttpMethod = "get" | "post" | "delete";

/** The paths of the spec that have `method`. */
export type PathWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P][M] extends object ? P : never;
}[keyof paths];

/** The operation at `path` and `method`, as the generated types describe it. */
export type Operation<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;

/** An operation's path parameters, query, and JSON body, each as the spec types them. */
export interface OperationInput<O> {
  path?: O extends { parameters: { path: infer X } } ? X : never;
  query?: O extends { parameters: { query?: infer Q } } ? Q : never;
  body?: O extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
}

/** The JSON body of an operation's 200 response. */
export type OperationResult<O> = O extends {
  responses: { 200: { content: { "application/json": infer R } } };
}
  ? R
  : never;
