/**
 * Inputs JSON cannot carry faithfully never reach the network and never throw a raw error: each
 * is a `SieveInputError` naming its path, with nothing sent, and a message that never quotes the
 * value. What JSON does carry (plain data, a Date through its toJSON) is sent exactly as given.
 */
import { describe, expect, it } from "vitest";
import { SieveInputError } from "../../src/index.js";
import { MAX_JSON_DEPTH, toJsonValue } from "../../src/core/validation/json-value.js";
import { checkPushRequest } from "../../src/core/validation/push-request.js";
import { pushResponse } from "../support/fixtures.js";
import { expectInputError, fakeFetch, reply, testClient, untyped } from "../support/fake-fetch.js";

/** Pushes `request` through a client on a counting fetch: expects `field` refused, nothing sent. */
async function expectRefused(request: unknown, field: string): Promise<SieveInputError> {
  const { fetch, requests } = fakeFetch(reply(200, pushResponse));
  const sieve = testClient(fetch, { maxRetries: 0 });
  const error = await expectInputError(() => sieve.jobs.push(untyped(request)), field, requests);
  await expectInputError(() => sieve.jobs.run(untyped(request)), field, requests);
  expect(fetch).not.toHaveBeenCalled();
  return error;
}

/** Like `expectRefused`, for a field too long to be repeated whole in the message. */
async function expectRefusedLongField(request: unknown, field: string): Promise<SieveInputError> {
  const { fetch } = fakeFetch(reply(200, pushResponse));
  const error = await testClient(fetch)
    .jobs.push(untyped(request))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SieveInputError);
  expect((error as SieveInputError).field).toBe(field);
  expect((error as SieveInputError).message).toContain(`Invalid ${field.slice(0, 200)}…: `);
  expect(fetch).not.toHaveBeenCalled();
  return error as SieveInputError;
}

const push = (inputs: unknown) => ({ function: "demo/echo", inputs });

function nested(levels: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function circular(): unknown {
  const meta: unknown[] = [1, 2];
  const file: Record<string, unknown> = { meta };
  meta.push(file);
  return { file };
}

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

describe("values JSON cannot carry are refused, naming their path, nothing sent", () => {
  it.each([
    ["a BigInt", { file: { meta: [1, 2, 3n] } }, "request.inputs.file.meta[2]", "BigInt"],
    ["a function", { cb: () => 1 }, "request.inputs.cb", "function"],
    ["a symbol", { s: Symbol("x") }, "request.inputs.s", "symbol"],
    ["undefined in an array", { list: [1, undefined] }, "request.inputs.list[1]", "undefined"],
    // eslint-disable-next-line no-sparse-arrays
    ["an empty array slot", { list: [1, , 3] }, "request.inputs.list[1]", "empty"],
    ["NaN", { n: Number.NaN }, "request.inputs.n", "NaN"],
    ["Infinity", { n: Number.POSITIVE_INFINITY }, "request.inputs.n", "Infinity"],
    ["-Infinity", { n: [Number.NEGATIVE_INFINITY] }, "request.inputs.n[0]", "-Infinity"],
    ["a Map", { m: new Map([["a", 1]]) }, "request.inputs.m", "a Map"],
    ["a Set", { s: new Set([1]) }, "request.inputs.s", "a Set"],
    ["a class instance", { p: new Point(1, 2) }, "request.inputs.p", "Point"],
    ["a RegExp", { r: /x/ }, "request.inputs.r", "RegExp"],
    ["a symbol key", { [Symbol("k")]: 1 }, "request.inputs", "symbol key"],
    [
      "a key that is not an identifier",
      { "my file": { n: 1n } },
      'request.inputs["my file"].n',
      "BigInt",
    ],
    ["a circular reference", circular(), "request.inputs.file.meta[2]", "circular"],
  ])("%s", async (_what, inputs, field, reason) => {
    const error = await expectRefused(push(inputs), field);
    expect(error.message).toContain(reason);
  });

  it("a toJSON that throws, with its error as cause and its message shortened", async () => {
    const boom = new Error(`no ${"x".repeat(10_000)}`);
    const bad = {
      toJSON: () => {
        throw boom;
      },
    };
    const error = await expectRefused(push({ file: bad }), "request.inputs.file");
    expect(error.message).toContain("toJSON() threw: no xxx");
    expect(error.message.length).toBeLessThan(400);
    expect(error.cause).toBe(boom);
  });

  it("what a toJSON returns is checked in turn", async () => {
    await expectRefused(push({ v: { toJSON: () => ({ big: 1n }) } }), "request.inputs.v.big");
    await expectRefused(push({ v: { toJSON: () => undefined } }), "request.inputs.v");
  });

  it("a getter that throws", async () => {
    const inputs = {
      get file(): never {
        throw new TypeError("nope");
      },
    };
    const error = await expectRefused(push(inputs), "request.inputs.file");
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it(`nesting deeper than MAX_JSON_DEPTH (${MAX_JSON_DEPTH}) levels, at the level too deep`, async () => {
    // The body is level 1 and inputs level 2: 99 nested objects fit, 100 do not.
    expect(() => checkPushRequest(push(nested(MAX_JSON_DEPTH - 1)))).not.toThrow();
    const tooDeep = `request.inputs${".a".repeat(MAX_JSON_DEPTH - 1)}`;
    const error = await expectRefusedLongField(push(nested(MAX_JSON_DEPTH)), tooDeep);
    expect(error.message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it("nesting deep enough to overflow the stack of JSON.stringify", async () => {
    expect(() => JSON.stringify(nested(100_000))).toThrow(RangeError);
    await expectRefusedLongField(
      push(nested(100_000)),
      `request.inputs${".a".repeat(MAX_JSON_DEPTH - 1)}`,
    );
  });

  it("the rest of the body too: env values, webhooks", async () => {
    await expectRefused(
      { ...push({}), webhooks: [{ type: "job.complete", url: "https://h.test/", extra: 1n }] },
      "request.webhooks[0].extra",
    );
    await expectRefused({ ...push({}), env: { KEY: 1n } }, "request.env.KEY");
    await expectRefused({ ...push({}), webhooks: [undefined] }, "request.webhooks[0]");
  });

  it("never quotes a huge value", async () => {
    const huge = "s".repeat(200_000);
    const error = await expectRefused(
      push({ text: huge, list: [huge, undefined] }),
      "request.inputs.list[1]",
    );
    expect(error.message).not.toContain("sss");
    const key = "k".repeat(100_000);
    const shortKey = `request.inputs["${"k".repeat(40)}…" (100000 characters)]`;
    const keyed = await expectRefused(push({ [key]: 1n }), shortKey);
    expect(keyed.message.length).toBeLessThan(400);
  });
});

describe("values JSON carries pass, and are sent exactly as checked", () => {
  it("plain objects, arrays, strings, finite numbers, booleans, null, a Date via toJSON", async () => {
    const inputs = {
      text: "hola",
      n: -1.5e300,
      flags: [true, false, null],
      nested: { list: [{ a: [] }], empty: {} },
      when: new Date(0),
      bare: Object.assign(Object.create(null) as object, { k: "v" }),
      shared: undefined as unknown,
    };
    const same = { x: 1 };
    inputs.shared = [same, same]; // a value seen twice is not a cycle
    const { fetch, requests } = fakeFetch(reply(200, pushResponse));
    await testClient(fetch).jobs.push({ function: "demo/echo", inputs });
    expect(requests).toHaveLength(1);
    expect(JSON.parse(await requests[0]!.text())).toEqual({
      function: "demo/echo",
      inputs: {
        ...inputs,
        when: "1970-01-01T00:00:00.000Z",
        bare: { k: "v" },
        shared: [same, same],
      },
    });
  });

  it("an undefined property (a TypeScript optional field left unset) is left out, as JSON does", () => {
    const body = checkPushRequest({
      function: "demo/echo",
      inputs: { a: 1, b: undefined },
      env: undefined,
    });
    expect(body).toEqual({ function: "demo/echo", inputs: { a: 1 } });
    expect(Object.keys(body.inputs)).toEqual(["a"]);
  });

  it("a toJSON is called once, so what is sent is what was checked", async () => {
    let calls = 0;
    const flaky = { toJSON: () => (++calls === 1 ? "first" : 1n) };
    const { fetch, requests } = fakeFetch(reply(200, pushResponse));
    await testClient(fetch).jobs.push({ function: "demo/echo", inputs: { flaky } });
    expect(calls).toBe(1);
    expect(JSON.parse(await requests[0]!.text()).inputs).toEqual({ flaky: "first" });
  });

  it("a key named __proto__ is carried as data, never as a prototype", () => {
    const inputs = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const body = checkPushRequest({ function: "demo/echo", inputs });
    expect(JSON.stringify(body.inputs)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("toJsonValue alone names the field it is given", () => {
    expect(() => toJsonValue("value", [1n])).toThrow(
      expect.objectContaining({ name: "SieveInputError", field: "value[0]" }),
    );
    expect(toJsonValue("value", [new Date(0)])).toEqual(["1970-01-01T00:00:00.000Z"]);
  });
});
