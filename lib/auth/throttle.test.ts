import { describe, expect, it } from "vitest";
import { LOCKOUT_MS, lockedUntil } from "./throttle";

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
