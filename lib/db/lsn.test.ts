import { describe, expect, it } from "vitest";
import { formatLsn, maxLsn, parseLsn } from "./lsn";

describe("WAL positions", () => {
  it("orders positions by both halves, not as text", () => {
    // As text "9/FF" > "10/0"; as positions it is the other way round.
    expect(parseLsn("9/FFFFFFFF") < parseLsn("10/0")).toBe(true);
    expect(parseLsn("0/16B3748") < parseLsn("0/16B3750")).toBe(true);
    expect(parseLsn("1/0") - parseLsn("0/FFFFFFFF")).toBe(1n);
  });

  it("round-trips PostgreSQL's spelling", () => {
    expect(formatLsn(parseLsn("16/b374d848"))).toBe("16/B374D848");
    expect(formatLsn(0n)).toBe("0/0");
  });

  it("refuses anything that is not a position", () => {
    expect(() => parseLsn("")).toThrow();
    expect(() => parseLsn("1/2/3")).toThrow();
    expect(() => parseLsn("G/0")).toThrow();
  });

  it("keeps the later of two positions", () => {
    expect(maxLsn(parseLsn("0/5"), parseLsn("0/4"))).toBe(parseLsn("0/5"));
  });
});
