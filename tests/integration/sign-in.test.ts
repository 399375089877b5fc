import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { loadSessionUser } from "@/lib/auth/actor";
import { ADDRESS_MAX_FAILURES, LOCKOUT_MS } from "@/lib/auth/throttle";
import { freshDatabase } from "../support/test-database";

let db: Db;
const PASSWORD = "correct horse 电池";

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const passwordHash = await hashPassword(PASSWORD);
  const committee = await db.committee.create({ data: { slug: "xiamen", name: "厦门市直机关工委", city: "厦门" } });
  for (const username of ["alice", "bob", "carol", "dave", "erin"]) {
    await db.user.create({
      data: {
        username,
        displayName: username,
        passwordHash,
        memberships: { create: { committeeId: committee.id, role: "EDITOR" } },
      },
    });
  }
});
afterAll(() => db.$disconnect());

describe("signing in with username and password", () => {
  it("accepts the right password and stores only an argon2id hash", async () => {
    const result = await signInWithPassword(db, { username: "alice", password: PASSWORD });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { username: "alice" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(user.lastSignInAt).not.toBeNull();
  });

  it("ignores case and surrounding spaces in the username", async () => {
    expect((await signInWithPassword(db, { username: "  Alice ", password: PASSWORD })).ok).toBe(true);
  });

  it("gives one answer for a wrong password, an unknown user and a deactivated account", async () => {
    await db.user.update({ where: { username: "carol" }, data: { isActive: false } });
    const answers = await Promise.all([
      signInWithPassword(db, { username: "bob", password: "wrong" }),
      signInWithPassword(db, { username: "nobody-here", password: PASSWORD }),
      signInWithPassword(db, { username: "carol", password: PASSWORD }),
    ]);
    expect(answers).toEqual([
      { ok: false, code: "INVALID" },
      { ok: false, code: "INVALID" },
      { ok: false, code: "INVALID" },
    ]);
  });

  it("refuses further tries for five minutes after five failures in a minute, even the right password", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    for (let i = 0; i < 4; i++) {
      expect(await signInWithPassword(db, { username: "dave", password: "guess" + i }, at(i * 5))).toEqual({
        ok: false,
        code: "INVALID",
      });
    }
    const fifth = await signInWithPassword(db, { username: "dave", password: "guess5" }, at(20));
    expect(fifth).toMatchObject({ ok: false, code: "LOCKED" });
    const right = await signInWithPassword(db, { username: "dave", password: PASSWORD }, at(30));
    expect(right).toMatchObject({ ok: false, code: "LOCKED", retryAt: new Date(at(20).getTime() + LOCKOUT_MS) });
    const later = await signInWithPassword(db, { username: "dave", password: PASSWORD }, at(20 + 301));
    expect(later.ok).toBe(true);
  });

  it("throttles unknown usernames too, so lockouts reveal nothing", async () => {
    const now = new Date("2030-02-01T00:00:00Z");
    let last;
    for (let i = 0; i < 5; i++) last = await signInWithPassword(db, { username: "ghost", password: "x" }, now);
    expect(last).toMatchObject({ ok: false, code: "LOCKED" });
  });
});

describe("throttling by source address (issue 9)", () => {
  it("locks an address that sprays guesses over many usernames, and only that address", async () => {
    const t0 = new Date("2030-03-01T00:00:00Z");
    const results = [];
    // 200 guesses over 30 usernames from one address, 77 a second.
    for (let i = 0; i < 200; i++) {
      const at = new Date(t0.getTime() + Math.floor((i * 1000) / 77));
      results.push(await signInWithPassword(db, { username: `spray-${i % 30}`, password: "guess", address: "203.0.113.50" }, at, { wait: async () => {} }));
    }
    const firstLock = results.findIndex((r) => !r.ok && r.code === "LOCKED");
    expect(firstLock).toBeGreaterThan(0);
    expect(firstLock).toBeLessThanOrEqual(ADDRESS_MAX_FAILURES);
    expect(results.slice(firstLock).every((r) => !r.ok && r.code === "LOCKED")).toBe(true);
    // Another address is not affected, and neither is the right password of a real person there.
    const later = new Date(t0.getTime() + 5_000);
    expect((await signInWithPassword(db, { username: "alice", password: PASSWORD, address: "198.51.100.1" }, later)).ok).toBe(true);
    expect(await signInWithPassword(db, { username: "alice", password: PASSWORD, address: "203.0.113.50" }, later)).toMatchObject({ code: "LOCKED" });
  });

  it("never lets a stranger lock a person out: wrong passwords from one address do not lock another", async () => {
    const t0 = new Date("2030-04-01T00:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    for (let i = 0; i < 6; i++) await signInWithPassword(db, { username: "bob", password: "wrong", address: "192.0.2.66" }, at(i));
    expect(await signInWithPassword(db, { username: "bob", password: PASSWORD, address: "192.0.2.66" }, at(10))).toMatchObject({ code: "LOCKED" });
    expect((await signInWithPassword(db, { username: "bob", password: PASSWORD, address: "198.51.100.2" }, at(10))).ok).toBe(true);
  });

  it("slows, but does not lock, a username guessed from many addresses", async () => {
    const t0 = new Date("2030-05-01T00:00:00Z");
    const waits: number[] = [];
    const wait = async (ms: number) => {
      waits.push(ms);
    };
    for (let i = 0; i < 40; i++) {
      const result = await signInWithPassword(db, { username: "erin", password: "guess", address: `198.18.0.${i}` }, new Date(t0.getTime() + i * 100), { wait });
      expect(result).toEqual({ ok: false, code: "INVALID" });
    }
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeGreaterThan(0);
    const right = await signInWithPassword(db, { username: "erin", password: PASSWORD, address: "198.51.100.3" }, new Date(t0.getTime() + 5_000), { wait });
    expect(right.ok).toBe(true);
    expect(waits.at(-1)).toBeGreaterThan(0);
  });
});

describe("every request re-checks the user", () => {
  it("loads the user with memberships while active and current", async () => {
    const erin = await db.user.findUniqueOrThrow({ where: { username: "erin" } });
    const user = await loadSessionUser(db, { userId: erin.id, sessionVersion: erin.sessionVersion });
    expect(user).toMatchObject({ username: "erin", isAdmin: false, memberships: [{ role: "EDITOR" }] });
  });

  it("ends the session at once when the user is deactivated", async () => {
    const erin = await db.user.findUniqueOrThrow({ where: { username: "erin" } });
    await db.user.update({ where: { id: erin.id }, data: { isActive: false } });
    expect(await loadSessionUser(db, { userId: erin.id, sessionVersion: erin.sessionVersion })).toBeNull();
    await db.user.update({ where: { id: erin.id }, data: { isActive: true } });
  });

  it("ends every session when the session version is raised", async () => {
    const erin = await db.user.findUniqueOrThrow({ where: { username: "erin" } });
    await db.user.update({ where: { id: erin.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadSessionUser(db, { userId: erin.id, sessionVersion: erin.sessionVersion })).toBeNull();
    expect(await loadSessionUser(db, { userId: erin.id, sessionVersion: erin.sessionVersion + 1 })).not.toBeNull();
  });
});
