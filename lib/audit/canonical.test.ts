import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson } from "./canonical";
import { ChainWalker, type ChainRow } from "./verify";

const base = { id: "a", sequence: 1n, actorId: "u1", action: "report.submit", targetType: "Report", targetId: "r1", committeeId: "c1", createdAt: new Date("2026-12-01T03:00:00.000Z") };

describe("canonicalJson", () => {
  it("sorts keys at every depth, so jsonb's key order does not change the hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it("hashes the same content the same way whatever the key order, and differently after any change", () => {
    const one = auditHash({ ...base, detail: { from: "DRAFT", to: "SUBMITTED", comment: "" } }, "");
    const two = auditHash({ ...base, detail: { to: "SUBMITTED", comment: "", from: "DRAFT" } }, "");
    expect(one).toBe(two);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...base, detail: { from: "DRAFT", to: "PUBLISHED", comment: "" } }, "")).not.toBe(one);
    expect(auditHash({ ...base, actorId: "u2", detail: { from: "DRAFT", to: "SUBMITTED", comment: "" } }, "")).not.toBe(one);
    expect(auditHash({ ...base, detail: { from: "DRAFT", to: "SUBMITTED", comment: "" } }, "0".repeat(64))).not.toBe(one);
    expect(auditHash({ ...base, sequence: 2n, detail: { from: "DRAFT", to: "SUBMITTED", comment: "" } }, "")).not.toBe(one);
  });
});

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = "";
  for (let i = 1; i <= n; i++) {
    const content = { ...base, id: `row${i}`, sequence: BigInt(i), detail: { n: i } };
    const hash = auditHash(content, prev);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function walk(rows: ChainRow[], head?: { sequence: bigint; hash: string }) {
  const walker = new ChainWalker();
  for (const row of rows) if (!walker.push(row)) break;
  return walker.finish(head ?? { sequence: rows.at(-1)?.sequence ?? 0n, hash: rows.at(-1)?.hash ?? "" });
}

describe("the chain walk", () => {
  it("accepts an intact chain", () => {
    expect(walk(chain(5))).toBeNull();
  });

  it("names an altered row", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, detail: { n: 99 } };
    expect(walk(rows)).toMatchObject({ kind: "altered", id: "row3", sequence: 3n });
  });

  it("names the row after a deleted one as following a gap", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(walk(rows)).toMatchObject({ kind: "gap", id: "row3", missingFrom: 2n, missingTo: 2n });
  });

  it("names a row re-hashed onto the wrong predecessor (inserted out of order)", () => {
    const rows = chain(4);
    // Swap rows 2 and 3 and renumber them so that each row's own hash is right again.
    const forged = [rows[0]!, rows[2]!, rows[1]!, rows[3]!].map((r, i) => {
      const content = { ...r, sequence: BigInt(i + 1) };
      return { ...content, hash: auditHash(content, r.prevHash ?? "") };
    });
    expect(walk(forged)).toMatchObject({ kind: "prevHash", sequence: 2n, id: "row3" });
  });

  it("notices that the newest rows were deleted, from the chain head", () => {
    const rows = chain(5);
    expect(walk(rows.slice(0, 3), { sequence: 5n, hash: rows[4]!.hash! })).toMatchObject({ kind: "head", sequence: 3n, headSequence: 5n });
  });
});
