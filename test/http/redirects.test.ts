/**
 * `nextRedirect` alone: which responses are followed, and which headers the next request keeps.
 */
import { describe, expect, it } from "vitest";
import { nextRedirect } from "../../src/http/redirects.js";

const credentials = { "x-api-key": "k-1234", authorization: "Bearer t", cookie: "s=1" };
const get = (url: string) =>
  new Request(url, { headers: { ...credentials, "user-agent": "sieve-client/test" } });
const redirect = (status: number, location?: string) =>
  new Response(null, { status, headers: location === undefined ? {} : { location } });

describe("nextRedirect", () => {
  it.each([301, 302, 303, 307, 308])("follows a %i on the same origin with every header", (s) => {
    const next = nextRedirect(get("https://api.test/v2/jobs/a"), redirect(s, "/v2/jobs/b"));

    expect(next?.url).toBe("https://api.test/v2/jobs/b");
    expect(next?.method).toBe("GET");
    expect(next?.redirect).toBe("manual");
    expect(Object.fromEntries(next?.headers ?? [])).toMatchObject(credentials);
  });

  it.each([
    ["another host", "https://cdn.test/v2/jobs/b"],
    ["another port", "https://api.test:8443/v2/jobs/b"],
    ["another scheme", "http://api.test/v2/jobs/b"],
  ])("drops X-API-Key, Authorization and Cookie on a hop to %s", (_what, location) => {
    const next = nextRedirect(get("https://api.test/v2/jobs/a"), redirect(302, location));

    expect(next?.url).toBe(location);
    for (const name of Object.keys(credentials)) expect(next?.headers.get(name)).toBeNull();
    expect(next?.headers.get("user-agent")).toBe("sieve-client/test");
  });

  it("resolves a relative Location against the request URL", () => {
    const next = nextRedirect(get("https://api.test/v2/jobs/a"), redirect(307, "b?x=1"));
    expect(next?.url).toBe("https://api.test/v2/jobs/b?x=1");
  });

  it("keeps the method of a body-less DELETE", () => {
    const request = new Request("https://api.test/v2/jobs/a", { method: "DELETE" });
    expect(nextRedirect(request, redirect(307, "/v2/jobs/b"))?.method).toBe("DELETE");
  });

  it("does not follow a request with a body (POST /push is never re-sent elsewhere)", () => {
    const push = new Request("https://api.test/v2/push", { method: "POST", body: "{}" });
    expect(nextRedirect(push, redirect(307, "/v2/push2"))).toBeUndefined();
  });

  it.each([
    ["a success", 200, "/x"],
    ["a 304", 304, "/x"],
    ["a 300", 300, "/x"],
    ["a redirect without Location", 302, undefined],
    ["a redirect to another scheme", 302, "ftp://api.test/file"],
    ["a redirect to javascript:", 302, "javascript:alert(1)"],
  ])("does not follow %s", (_what, status, location) => {
    expect(nextRedirect(get("https://api.test/v2/jobs/a"), redirect(status, location))).toBe(
      undefined,
    );
  });
});
