import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { loadSessionUser, LAST_SEEN_INTERVAL_MS } from "@/lib/auth/actor";
import { createSession, describeDevice, listActiveSessions, revokeAllSessions, revokeSession } from "@/lib/auth/sessions";
import { freshDatabase } from "../support/test-database";

let db: Db;
let userId: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  userId = (await db.user.create({ data: { username: "alice", displayName: "Alice", passwordHash: "unused" } })).id;
});
afterAll(() => db.$disconnect());

describe("server-side sessions behind the token", () => {
  it("accepts a token whose session row exists and is not revoked", async () => {
    const sessionId = await createSession(db, { userId, userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/140.0 Safari/537.36", ip: "10.0.0.1" });
    const user = await loadSessionUser(db, { userId, sessionVersion: 0, sessionId });
    expect(user?.sessionId).toBe(sessionId);
  });

  it("refuses a token without a matching row, and one whose row was revoked (sign-out)", async () => {
    expect(await loadSessionUser(db, { userId, sessionVersion: 0, sessionId: "" })).toBeNull();
    expect(await loadSessionUser(db, { userId, sessionVersion: 0, sessionId: "no-such-session" })).toBeNull();
    const sessionId = await createSession(db, { userId });
    expect(await revokeSession(db, { sessionId, userId })).toBe(true);
    expect(await loadSessionUser(db, { userId, sessionVersion: 0, sessionId })).toBeNull();
  });

  it("does not let one person revoke another's session", async () => {
    const other = await db.user.create({ data: { username: "bob", displayName: "Bob", passwordHash: "unused" } });
    const sessionId = await createSession(db, { userId: other.id });
    expect(await revokeSession(db, { sessionId, userId })).toBe(false);
    expect(await loadSessionUser(db, { userId: other.id, sessionVersion: 0, sessionId })).not.toBeNull();
  });

  it("ends every session of a person at once (sign out everywhere)", async () => {
    const carol = await db.user.create({ data: { username: "carol", displayName: "Carol", passwordHash: "unused" } });
    const a = await createSession(db, { userId: carol.id });
    const b = await createSession(db, { userId: carol.id });
    expect(await revokeAllSessions(db, carol.id)).toBe(2);
    for (const sessionId of [a, b]) {
      expect(await loadSessionUser(db, { userId: carol.id, sessionVersion: 0, sessionId })).toBeNull();
      expect(await loadSessionUser(db, { userId: carol.id, sessionVersion: 1, sessionId })).toBeNull();
    }
    expect(await listActiveSessions(db, carol.id)).toEqual([]);
  });

  it("writes lastSeenAt at most once a minute", async () => {
    const sessionId = await createSession(db, { userId });
    const created = (await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt;
    await loadSessionUser(db, { userId, sessionVersion: 0, sessionId }, new Date(created.getTime() + 30_000));
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(created);
    const later = new Date(created.getTime() + LAST_SEEN_INTERVAL_MS + 1);
    await loadSessionUser(db, { userId, sessionVersion: 0, sessionId }, later);
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(later);
  });

  it("names devices from their user agent", () => {
    expect(describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36")).toBe("Chrome · Windows");
    expect(describeDevice("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1")).toBe("Safari · iOS");
    expect(describeDevice("")).toBe("");
  });
});
