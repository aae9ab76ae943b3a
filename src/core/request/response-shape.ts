import type { HttpMethod, PathWith } from "./operation-types.js";

/**
 * Says what is wrong with a parsed 2xx body (a clause to follow "the response is not"), or
 * undefined when it has the expected shape.
 */
export type ShapeCheck = (value: unknown) => string | undefined;

/** Every operation the client calls, as `"<method> <path template>"`. */
type OperationKey = { [M in HttpMethod]: `${M} ${PathWith<M>}` }[HttpMethod];

const describe = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const anObject: ShapeCheck = (value) =>
  isObject(value) ? undefined : `expected a JSON object, got ${describe(value)}`;

/** An object whose listed properties are strings; anything else it holds is fine. */
const withStrings =
  (what: string, names: string[]): ShapeCheck =>
  (value) => {
    if (!isObject(value)) return `expected ${what} object, got ${describe(value)}`;
    for (const name of names)
      if (typeof value[name] !== "string") return missing(what, names, value);
    return undefined;
  };

function missing(what: string, names: string[], value: Record<string, unknown>): string {
  const absent = names.filter((name) => typeof value[name] !== "string");
  return `expected ${what} with a string ${absent.map((name) => `"${name}"`).join(" and ")}`;
}

/** An array whose items all pass `item`. */
const arrayOf =
  (item: ShapeCheck, where = ""): ShapeCheck =>
  (value) => {
    if (!Array.isArray(value)) return `expected a JSON array${where}, got ${describe(value)}`;
    for (const [index, entry] of value.entries()) {
      const wrong = item(entry);
      if (wrong) return `item ${index}${where}: ${wrong}`;
    }
    return undefined;
  };

const jobFields = withStrings("a job", ["id", "status"]);
/** A job: a string `id` and `status` (any status: the API may add some), `outputs` a list or none. */
const aJob: ShapeCheck = (value) => {
  const wrong = jobFields(value);
  if (wrong) return wrong;
  const outputs = (value as Record<string, unknown>).outputs;
  if (outputs === undefined || outputs === null || Array.isArray(outputs)) return undefined;
  return `expected a job whose "outputs" is an array or null, got ${describe(outputs)}`;
};
const jobItems = arrayOf(aJob, ' of "data"');
const aJobPage: ShapeCheck = (value) => {
  if (!isObject(value)) return `expected a page of jobs object, got ${describe(value)}`;
  if (!Array.isArray(value.data)) return 'expected a page of jobs with a "data" array';
  const next = value.next_offset;
  if (next !== undefined && next !== null && !(Number.isSafeInteger(next) && Number(next) >= -1))
    return `expected "next_offset" to be -1 or an offset, got ${JSON.stringify(next)?.slice(0, 40)}`;
  return jobItems(value.data);
};
/** A page of jobs, or the bare list of jobs some deployments answer instead. */
const aJobPageOrList: ShapeCheck = (value) =>
  Array.isArray(value) ? jobItems(value) : aJobPage(value);
/** Any JSON value: Sieve documents no shape for it. */
const anything: ShapeCheck = () => undefined;
/** A group of log lines: an object with a `labels` object and a `logs` array. */
const aLogGroup: ShapeCheck = (value) => {
  if (!isObject(value)) return `expected a group of log lines, got ${describe(value)}`;
  if (!isObject(value.labels)) return 'expected a group of log lines with a "labels" object';
  return Array.isArray(value.logs)
    ? undefined
    : 'expected a group of log lines with a "logs" array';
};
const logGroups = arrayOf(aLogGroup, ' of "data"');
/** What `GET /logs` answers: an object whose `data` is a list of groups of lines. */
const aLogsAnswer: ShapeCheck = (value) => {
  if (!isObject(value)) return `expected a JSON object, got ${describe(value)}`;
  if (!Array.isArray(value.data)) return 'expected an object with a "data" array';
  return logGroups(value.data);
};

/**
 * The one check per operation: object or array as the spec says, and for what the client
 * reads itself (a job's `id` and `status`, a push's `id`, a page's `data`, the groups of log
 * lines `followLogs` flattens), those fields. Loose
 * where the API is loose: extra properties pass, any `status` string passes, and a job's
 * `outputs` may be absent or null (but when present, an array: `jobs.outputs` iterates it).
 */
const SHAPES: Record<OperationKey, ShapeCheck> = {
  "get /functions": arrayOf(anObject),
  "get /functions/{owner_name}/{function_name}": anObject,
  "post /functions/{owner_name}/{function_name}/edit": anObject,
  "get /functions/{owner_name}/{function_name}/jobs": aJobPageOrList,
  "get /functions/{owner_name}/{function_name}/versions": arrayOf(anObject),
  "get /functions/{owner_name}/{function_name}/versions/{version_slug}": anObject,
  "post /functions/{owner_name}/{function_name}/versions/{version_slug}/edit": anObject,
  "get /functions/{owner_name}/{function_name}/versions/{version_slug}/jobs": aJobPageOrList,
  "get /jobs": aJobPage,
  "get /jobs/{job_id}": aJob,
  "get /jobs/{job_id}/await": aJob,
  "delete /jobs/{job_id}": anObject,
  "get /logs": aLogsAnswer,
  "post /push": withStrings("a push response", ["id"]),
  "get /usage": anObject,
  "get /usage/function": anObject,
  "get /usage/function/{owner_name}/{function_name}": anObject,
  "get /usage/function/{owner_name}/{function_name}/versions/{version_slug}": anObject,
  "get /usage/job/{job_id}": anObject,
  "get /usage/credits": anything,
  "get /usage/concurrency": arrayOf(anObject),
  "get /user/concurrency": anObject,
  "get /services/compute": anything,
};

/** One named check per operation, made once: `call` asks for it on every request. */
const named = new Map<OperationKey, ShapeCheck>();

/**
 * The shape check of the 2xx body of `method path`; what it reports names the operation.
 */
export function responseShape<M extends HttpMethod>(method: M, path: PathWith<M>): ShapeCheck {
  const key = `${method} ${path}` as OperationKey;
  let shape = named.get(key);
  if (!shape) {
    const check = SHAPES[key];
    shape = (value) => {
      const wrong = check(value);
      return wrong && `what ${method.toUpperCase()} ${path} returns: ${wrong}`;
    };
    named.set(key, shape);
  }
  return shape;
}
