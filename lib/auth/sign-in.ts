import type { Db } from "@/lib/db/client";
import { recordAudit, recordAuditAlone } from "@/lib/audit/record";
import { getDummyHash, verifyPassword } from "./password";
import { LOOKBACK_MS, lockedUntil, normalizeUsername } from "./throttle";

export type SignInResult =
  | { ok: true; user: { id: string; username: string; displayName: string; sessionVersion: number } }
  | { ok: false; code: "INVALID" }
  | { ok: false; code: "LOCKED"; retryAt: Date };

/**
 * Checks a username and password. One answer for an unknown user, a wrong password and a
 * deactivated account, so the form reveals nothing about who exists; throttled per
 * username whether or not it exists.
 */
export async function signInWithPassword(
  db: Db,
  input: { username: string; password: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const username = normalizeUsername(input.username);
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const recent = await db.signInAttempt.findMany({
    where: { username, createdAt: { gte: since } },
    orderBy: { createdAt: "asc" },
    select: { succeeded: true, createdAt: true },
  });
  const lastSuccess = recent.findLastIndex((a) => a.succeeded);
  const failures = recent.slice(lastSuccess + 1).map((a) => a.createdAt);
  const retryAt = lockedUntil(failures, now);
  if (retryAt) {
    await recordAuditAlone(db, { actorId: null, action: "auth.signin.locked", targetType: "User", targetId: "", detail: { username: username.slice(0, 100) }, at: now });
    return { ok: false, code: "LOCKED", retryAt };
  }

  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, username: true, displayName: true, passwordHash: true, isActive: true, sessionVersion: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  const succeeded = Boolean(user && user.isActive && passwordOk);

  if (!succeeded || !user) {
    // The attempt and its audit row commit together. The row names the account when it exists
    // (not as the actor: nobody proved to be them) but never says why it failed.
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { username, succeeded, createdAt: now } });
      await recordAudit(tx, { actorId: null, action: "auth.signin.failed", targetType: "User", targetId: user?.id ?? "", detail: { username: username.slice(0, 100) }, at: now });
    });
    const lockedNow = lockedUntil([...failures, now], now);
    return lockedNow ? { ok: false, code: "LOCKED", retryAt: lockedNow } : { ok: false, code: "INVALID" };
  }
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { username, succeeded, createdAt: now } });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    await recordAudit(tx, { actorId: user.id, action: "auth.signin", targetType: "User", targetId: user.id, detail: { username: username.slice(0, 100) }, at: now });
  });
  return {
    ok: true,
    user: { id: user.id, username: user.username, displayName: user.displayName, sessionVersion: user.sessionVersion },
  };
}
