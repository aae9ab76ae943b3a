import type {
  EditFunctionRequest,
  Function as SieveFunction,
  FunctionVersion,
  JobPage,
} from "../../generated/sieve.js";
import type { RegisteredFunction } from "./function-registry.js";
import {
  checked,
  withFunction,
  withVersion,
  type ApiCall,
  type ApiContext,
  type Answer,
  type Handler,
} from "./handler-support.js";
import { detailReply, jsonReply, validationReply } from "./http-reply.js";
import { readPageQuery } from "./query-params.js";
import { validateEditFunction, validateEditVersion } from "./validate-edit.js";

/** `GET /functions`: the organization's own functions, a page of them. */
export const listFunctions: Handler = (ctx, { query }) =>
  checked(
    (issues) => readPageQuery(query, { withStatus: false }, issues),
    ({ limit, offset }) => {
      const own = ctx.registry.list().filter((fn) => fn.owned);
      const page = own.slice(offset, offset + limit).map((fn) => fn.metadata);
      return jsonReply(200, page satisfies SieveFunction[]);
    },
  );

/** `GET /functions/{owner_name}/{function_name}`. */
export const getFunction: Handler = (ctx, { match }) =>
  withFunction(ctx, match.params, (fn) => jsonReply(200, fn.metadata satisfies SieveFunction));

/** `GET .../versions`: the versions, newest first, a page of them. */
export const listFunctionVersions: Handler = (ctx, { match, query }) =>
  checked(
    (issues) => readPageQuery(query, { withStatus: false }, issues),
    ({ limit, offset }) =>
      withFunction(ctx, match.params, (fn) => {
        const versions = fn.versions.slice(offset, offset + limit);
        return jsonReply(200, versions satisfies FunctionVersion[]);
      }),
  );

/** `GET .../versions/{version_slug}`: one version by `latest`, id or id prefix. */
export const getFunctionVersion: Handler = (ctx, { match }) =>
  withVersion(ctx, match.params, (_fn, version) => jsonReply(200, version));

/** `GET .../jobs`: a page of the function's jobs. */
export const listFunctionJobs: Handler = (ctx, { match, query }) =>
  checked(
    (issues) => readPageQuery(query, { withStatus: true }, issues),
    (page) =>
      withFunction(ctx, match.params, (fn) =>
        jsonReply(200, ctx.store.page(page, { functionRef: fn.ref }) satisfies JobPage),
      ),
  );

/** `GET .../versions/{version_slug}/jobs`: a page of one version's jobs. */
export const listFunctionVersionJobs: Handler = (ctx, { match, query }) =>
  checked(
    (issues) => readPageQuery(query, { withStatus: false }, issues),
    (page) =>
      withVersion(ctx, match.params, (fn, version) => {
        const filter = { functionRef: fn.ref, versionId: version.id };
        return jsonReply(200, ctx.store.page(page, filter) satisfies JobPage);
      }),
  );

/**
 * `POST .../edit`: changes the fields given (null or absent ones stay); 403 `Forbidden.` for a
 * function the organization does not own.
 */
export const editFunction: Handler = (ctx, call) => {
  const checkedBody = validateEditFunction(call.body ?? "");
  if (!("request" in checkedBody)) return validationReply(checkedBody.issues);
  return ownFunction(ctx, call, (fn) => {
    applyEdit(fn.metadata, checkedBody.request);
    return jsonReply(200, fn.metadata satisfies SieveFunction);
  });
};

/**
 * `POST .../versions/{version_slug}/edit`: sets the version's replica bounds; 400 `Invalid
 * values passed.` when the minimum would exceed the maximum.
 */
export const editFunctionVersion: Handler = (ctx, call) => {
  const checkedBody = validateEditVersion(call.body ?? "");
  if (!("request" in checkedBody)) return validationReply(checkedBody.issues);
  const { minimum_replicas: min, maximum_replicas: max } = checkedBody.request;
  return withVersion(ctx, call.match.params, (fn, version) => {
    if (!fn.owned) return detailReply(403, "Forbidden.");
    const minimum = min ?? version.minimum_replicas ?? 0;
    const maximum = max ?? version.maximum_replicas;
    if (maximum !== null && maximum !== undefined && minimum > maximum) {
      return detailReply(400, "Invalid values passed.");
    }
    version.minimum_replicas = minimum;
    version.maximum_replicas = maximum ?? null;
    return jsonReply(200, version satisfies FunctionVersion);
  });
};

function ownFunction(
  ctx: ApiContext,
  { match }: ApiCall,
  answer: (fn: RegisteredFunction) => Answer,
): Answer {
  return withFunction(ctx, match.params, (fn) =>
    fn.owned ? answer(fn) : detailReply(403, "Forbidden."),
  );
}

function applyEdit(metadata: SieveFunction, edit: EditFunctionRequest): void {
  const { webhooks, ...fields } = edit;
  for (const key of [
    "visibility",
    "title",
    "code_url",
    "description",
    "tags",
    "cover_image_url",
    "readme",
    "examples",
  ] as const) {
    const value = fields[key];
    if (value !== undefined && value !== null) Object.assign(metadata, { [key]: value });
  }
  if (webhooks) metadata.webhooks = webhooks.hooks.map(({ type, url }) => ({ type, url }));
}
