/**
 * Issue 12's contract: every operation of openapi/sieve.yaml and every response it documents,
 * against a Prism mock of the spec (`--errors`, so a response that broke the spec would arrive
 * as a 500 with `sl-violations`). The list comes from the spec itself: an operation added to the
 * spec is tested without editing this file. Success with the API key; 401 without it; each
 * other documented status through `Prefer: code=N`, with the error body the spec gives it.
 */
import { describe, expect, inject, it } from "vitest";
import { specOperations } from "../support/spec-operations.js";

const baseUrl = inject("prismUrl");
const operations = specOperations();

async function call(
  operation: (typeof operations)[number],
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const hasBody = operation.exampleBody !== undefined;
  const response = await fetch(`${baseUrl}${operation.exampleUrlPath}`, {
    method: operation.method,
    headers: { ...headers, ...(hasBody ? { "Content-Type": "application/json" } : {}) },
    body: hasBody ? JSON.stringify(operation.exampleBody) : undefined,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}

const KEY = { "X-API-Key": "contract-test-key" };

it("the spec has all 23 operations of Sieve's published API", () => {
  expect(operations).toHaveLength(23);
  expect(new Set(operations.map((o) => o.operationId)).size).toBe(23);
});

describe.each(operations)("$operationId $method $path", (operation) => {
  it("answers 200 to the example request, within the spec", async () => {
    const answer = await call(operation, KEY);
    expect(answer.headers.get("sl-violations")).toBeNull();
    expect(answer.status).toBe(200);
  });

  it("answers 401 { detail } without an API key", async () => {
    expect(operation.statuses).toContain("401");
    const answer = await call(operation, {});
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ detail: expect.any(String) });
  });

  const errors = operation.statuses.filter((status) => !["200", "401"].includes(status));
  it.each(errors)("answers %s with the documented error body", async (status) => {
    const answer = await call(operation, { ...KEY, Prefer: `code=${status}` });
    expect(answer.headers.get("sl-violations")).toBeNull();
    expect(answer.status).toBe(Number(status));
    if (status === "422") {
      expect(answer.body).toEqual({ detail: expect.any(Array) });
    } else {
      expect(answer.body).toMatchObject({ detail: expect.any(String) });
    }
    if (status === "500") expect(answer.body).toMatchObject({ error_id: expect.any(String) });
  });
});
