import type { Db } from "@/lib/db/client";
import { recordAudit, recordAuditAlone } from "@/lib/audit/record";
import { getDummyHash, verifyPassword } from "./password";
import { assessSignIn, LOOKBACK_MS, normalizeUsername } from "./throttle";

export type SignInResult =
  | { ok: true; user: { id: string; username: string; displayName: string; sessionVersion: number } }
  | { ok: false; code: "INVALID" }
  | { ok: false; code: "LOCKED"; retryAt: Date };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks a username and password. One answer for an unknown user, a wrong password and a
 * deactivated account, so the form reveals nothing about who exists; throttled per username
 * and address, per address and (slowed only) per username, whether or not it exists — see
 * lib/auth/throttle.ts. `address` is the client's (lib/http/client-address.ts).
 */
export async function signInWithPassword(
  db: Db,
  input: { username: string; password: string; address?: string },
  now: Date = new Date(),
  options: { wait?: (ms: number) => Promise<void> } = {},
): Promise<SignInResult> {
  const username = normalizeUsername(input.username);
  const address = input.address ?? "";
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const [byUsername, byAddress] = await Promise.all([
    db.signInAttempt.findMany({
      where: { username, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { succeeded: true, createdAt: true, address: true },
    }),
    db.signInAttempt.findMany({
      where: { address, succeeded: false, createdAt: { gte: since } },
      select: { createdAt: true },
    }),
  ]);
  const pairAttempts = byUsername.filter((a) => a.address === address);
  const lastPairSuccess = pairAttempts.findLastIndex((a) => a.succeeded);
  const lastSuccessAt = byUsername.findLast((a) => a.succeeded)?.createdAt.getTime() ?? -Infinity;
  const failures = {
    pair: pairAttempts.slice(lastPairSuccess + 1).map((a) => a.createdAt),
    address: byAddress.map((a) => a.createdAt),
    // Failures since the person last got in, from anywhere.
    username: byUsername.filter((a) => !a.succeeded && a.createdAt.getTime() > lastSuccessAt).map((a) => a.createdAt),
  };
  const { retryAt, delayMs } = assessSignIn(failures, now);
  if (retryAt) {
    await recordAuditAlone(db, { actorId: null, action: "auth.signin.locked", targetType: "User", targetId: "", detail: { username: username.slice(0, 100), address }, at: now });
    return { ok: false, code: "LOCKED", retryAt };
  }
  if (delayMs > 0) await (options.wait ?? sleep)(delayMs);

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
      await tx.signInAttempt.create({ data: { username, address, succeeded, createdAt: now } });
      await recordAudit(tx, { actorId: null, action: "auth.signin.failed", targetType: "User", targetId: user?.id ?? "", detail: { username: username.slice(0, 100), address }, at: now });
    });
    const after = assessSignIn({ pair: [...failures.pair, now], address: [...failures.address, now], username: [] }, now);
    return after.retryAt ? { ok: false, code: "LOCKED", retryAt: after.retryAt } : { ok: false, code: "INVALID" };
  }
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { username, address, succeeded, createdAt: now } });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    await recordAudit(tx, { actorId: user.id, action: "auth.signin", targetType: "User", targetId: user.id, detail: { username: username.slice(0, 100) }, at: now });
  });
  return {
    ok: true,
    user: { id: user.id, username: user.username, displayName: user.displayName, sessionVersion: user.sessionVersion },
  };
}
