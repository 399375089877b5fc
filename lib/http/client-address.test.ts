import { describe, expect, it } from "vitest";
import { clientAddress, isTrusted, trustedProxies } from "./client-address";

describe("clientAddress", () => {
  const loopback = trustedProxies("127.0.0.0/8, ::1");
  it("takes the address the trusted front appended, not what the client wrote", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7", "127.0.0.1", loopback)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", "127.0.0.1", loopback)).toBe("203.0.113.7");
    expect(clientAddress("1.1.1.1, 2.2.2.2, 203.0.113.7", "127.0.0.1", loopback)).toBe("203.0.113.7");
  });
  it("walks past further trusted proxies", () => {
    const list = trustedProxies("127.0.0.1, 10.0.0.0/8");
    expect(clientAddress("6.6.6.6, 198.51.100.4, 10.1.2.3", "127.0.0.1", list)).toBe("198.51.100.4");
  });
  it("ignores the header from an untrusted peer", () => {
    expect(clientAddress("1.2.3.4", "198.51.100.9", loopback)).toBe("198.51.100.9");
    expect(clientAddress("1.2.3.4", "::ffff:198.51.100.9", loopback)).toBe("198.51.100.9");
  });
  it("names a local client, and copes with nothing at all", () => {
    expect(clientAddress("127.0.0.1", "127.0.0.1", loopback)).toBe("127.0.0.1");
    expect(clientAddress(undefined, undefined, loopback)).toBe("unknown");
  });
  it("understands IPv6 and mapped IPv4", () => {
    expect(isTrusted("::1", loopback)).toBe(true);
    expect(isTrusted("::ffff:127.0.0.1", loopback)).toBe(true);
    expect(isTrusted("2001:db8::1", loopback)).toBe(false);
    expect(clientAddress("2001:db8::1, ::1", undefined, loopback)).toBe("2001:db8::1");
  });
});
