import { describe, expect, it } from "vitest";
import { ADDRESS_LOCKOUT_MS, ADDRESS_MAX_FAILURES, assessSignIn, LOCKOUT_MS, lockedUntil, MAX_DELAY_MS, USERNAME_SLOW_AFTER } from "./throttle";

const t0 = new Date("2026-11-22T08:00:00Z").getTime();
const at = (seconds: number) => new Date(t0 + seconds * 1000);

describe("lockedUntil", () => {
  it("lets four failures in a minute through", () => {
    expect(lockedUntil([at(0), at(10), at(20), at(30)], at(31))).toBeNull();
  });
  it("locks after the fifth failure within a minute, for five minutes from it", () => {
    const failures = [at(0), at(10), at(20), at(30), at(40)];
    expect(lockedUntil(failures, at(41))).toEqual(new Date(at(40).getTime() + LOCKOUT_MS));
    expect(lockedUntil(failures, at(40 + 299))).not.toBeNull();
    expect(lockedUntil(failures, at(40 + 300))).toBeNull();
  });
  it("does not lock five failures spread over more than a minute", () => {
    expect(lockedUntil([at(0), at(20), at(40), at(60), at(80)], at(81))).toBeNull();
  });
  it("finds the window anywhere in the history, in any order", () => {
    const failures = [at(100), at(0), at(101), at(102), at(103), at(104)];
    expect(lockedUntil(failures, at(105))).toEqual(new Date(at(104).getTime() + LOCKOUT_MS));
  });
});

describe("assessSignIn (issue 9: throttle per address, never let a stranger lock a person out)", () => {
  const none = { pair: [], address: [], username: [] };
  it("lets a clean attempt through at once", () => {
    expect(assessSignIn(none, at(0))).toEqual({ retryAt: null, delayMs: 0 });
  });
  it("locks a username only for the address that failed five times", () => {
    const five = [at(0), at(1), at(2), at(3), at(4)];
    expect(assessSignIn({ pair: five, address: five, username: five }, at(5)).retryAt).toEqual(new Date(at(4).getTime() + LOCKOUT_MS));
    // The same username from another address: its own pair has no failures.
    expect(assessSignIn({ pair: [], address: [], username: five }, at(5))).toEqual({ retryAt: null, delayMs: 0 });
  });
  it("locks an address that fails across many usernames", () => {
    const failures = Array.from({ length: ADDRESS_MAX_FAILURES }, (_, i) => at(i));
    const result = assessSignIn({ pair: [], address: failures, username: [] }, at(ADDRESS_MAX_FAILURES));
    expect(result.retryAt).toEqual(new Date(at(ADDRESS_MAX_FAILURES - 1).getTime() + ADDRESS_LOCKOUT_MS));
    const fewer = failures.slice(1);
    expect(assessSignIn({ pair: [], address: fewer, username: [] }, at(ADDRESS_MAX_FAILURES)).retryAt).toBeNull();
  });
  it("slows, but never locks, a username guessed from many addresses", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => at(i));
    expect(assessSignIn({ pair: [], address: [], username: many(USERNAME_SLOW_AFTER - 1) }, at(100)).delayMs).toBe(0);
    const slowed = assessSignIn({ pair: [], address: [], username: many(USERNAME_SLOW_AFTER) }, at(100));
    expect(slowed.retryAt).toBeNull();
    expect(slowed.delayMs).toBeGreaterThan(0);
    const heavy = assessSignIn({ pair: [], address: [], username: many(10_000) }, at(100));
    expect(heavy.retryAt).toBeNull();
    expect(heavy.delayMs).toBe(MAX_DELAY_MS);
  });
});
