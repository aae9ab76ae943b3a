/** `isLoopbackHost` alone: the hosts plain http:// may reach without opting in. */
import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "../../../src/core/utils/is-loopback-host.js";

describe("isLoopbackHost", () => {
  it.each([
    ["localhost"],
    ["LOCALHOST"],
    ["api.localhost"],
    ["127.0.0.1"],
    ["127.255.10.1"],
    ["[::1]"],
    ["::1"],
  ])("%s is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    ["example.com"],
    ["localhost.example.com"],
    ["mylocalhost"],
    ["128.0.0.1"],
    ["127.0.0.1.nip.io"],
    ["127.0.0.256"],
    ["127.0.1"],
    ["10.0.0.1"],
    ["0.0.0.0"],
    ["[::2]"],
    [""],
  ])("%s is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
