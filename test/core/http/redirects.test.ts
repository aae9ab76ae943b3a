/**
 * `nextRedirect` alone: which responses are followed, and which headers the next request keeps.
 */
import { describe, expect, it } from "vitest";
import type { HttpRequest, HttpResponse } from "../../../src/core/http/http-types.js";
import { nextRedirect } from "../../../src/core/http/redirects.js";
import { DEFAULT_USER_AGENT } from "../../../src/core/config/user-agent.js";

const credentials = { "X-API-Key": "k-1234", authorization: "Bearer t", Cookie: "s=1" };
const request = (url: string, method = "GET", body?: string): HttpRequest => ({
  method,
  url,
  headers: { ...credentials, "User-Agent": "sieve-client/test" },
  body,
});
const redirect = (status: number, location?: string): HttpResponse => {
  const headers = new Headers(location === undefined ? {} : { location });
  return {
    status,
    body: "",
    headers: { get: (n) => headers.get(n), toRecord: () => Object.fromEntries(headers) },
  };
};

describe("nextRedirect", () => {
  it.each([301, 302, 303, 307, 308])(
    "follows a %i of a GET on the same origin with every header",
    (s) => {
      const next = nextRedirect(request("https://api.test/v2/jobs/a"), redirect(s, "/v2/jobs/b"));
      expect(next?.url).toBe("https://api.test/v2/jobs/b");
      expect(next?.method).toBe("GET");
      expect(next?.headers).toMatchObject(credentials);
    },
  );

  it.each([
    ["another host", "https://cdn.test/v2/jobs/b"],
    ["another port", "https://api.test:8443/v2/jobs/b"],
    ["another scheme", "http://api.test/v2/jobs/b"],
  ])(
    "sends no header the caller set, only the client's User-Agent, on a hop to %s",
    (_what, location) => {
      const next = nextRedirect(request("https://api.test/v2/jobs/a"), redirect(302, location));
      expect(next?.url).toBe(location);
      expect(next?.headers).toEqual({ "User-Agent": DEFAULT_USER_AGENT });
    },
  );

  it("resolves a relative Location against the request URL", () => {
    const next = nextRedirect(request("https://api.test/v2/jobs/a"), redirect(307, "b?x=1"));
    expect(next?.url).toBe("https://api.test/v2/jobs/b?x=1");
  });

  it("keeps the method of a body-less DELETE", () => {
    const next = nextRedirect(
      request("https://api.test/v2/jobs/a", "DELETE"),
      redirect(307, "/v2/jobs/b"),
    );
    expect(next?.method).toBe("DELETE");
  });

  it.each([301, 302, 307, 308])(
    "does not follow a %i of a request with a body (POST /push is never re-sent elsewhere)",
    (status) => {
      const push = request("https://api.test/v2/push", "POST", "{}");
      expect(nextRedirect(push, redirect(status, "/v2/push2"))).toBeUndefined();
    },
  );

  it("follows a 303 of a POST as a GET without its body or content headers", () => {
    const push = request("https://api.test/v2/push", "POST", "{}");
    push.headers["Content-Type"] = "application/json";
    const next = nextRedirect(push, redirect(303, "/v2/jobs/b"));
    expect(next).toEqual({
      method: "GET",
      url: "https://api.test/v2/jobs/b",
      headers: { ...credentials, "User-Agent": "sieve-client/test" },
      body: undefined,
    });
  });

  it("follows a 303 of a DELETE as a GET", () => {
    const next = nextRedirect(
      request("https://api.test/v2/jobs/a", "DELETE"),
      redirect(303, "/v2/jobs/b"),
    );
    expect(next?.method).toBe("GET");
  });

  it.each([
    ["a success", 200, "/x"],
    ["a 304", 304, "/x"],
    ["a 300", 300, "/x"],
    ["a redirect without Location", 302, undefined],
    ["a redirect to another scheme", 302, "ftp://api.test/file"],
    ["a redirect to javascript:", 302, "javascript:alert(1)"],
    ["a redirect to a malformed URL", 302, "http://[::1"],
  ])("does not follow %s", (_what, status, location) => {
    expect(
      nextRedirect(request("https://api.test/v2/jobs/a"), redirect(status, location)),
    ).toBeUndefined();
  });
});
