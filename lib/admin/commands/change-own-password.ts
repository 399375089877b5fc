import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { refuse } from "./common";

/**
 * A person sets their own password (also the forced change after a one-time password). The
 * current password is required; every other session of theirs ends, this one stays.
 */
export async function changeOwnPassword(options: { actor: SessionUser; currentPassword: string; newPassword: string; confirmPassword: string }) {
  const { actor, currentPassword, newPassword, confirmPassword } = options;
  if (newPassword !== confirmPassword) throw refuse(t.account.mismatch, "confirmPassword");
  const problem = passwordProblem(newPassword, actor.username);
  if (problem) throw refuse(problem, "newPassword");
  if (newPassword === currentPassword) throw refuse(t.account.sameAsOld, "newPassword");

  const db = getDb();
  const stored = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(stored.passwordHash, currentPassword))) throw refuse(t.account.wrongCurrent, "currentPassword");
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.updateMany({
      where: { userId: actor.id, revokedAt: null, ...(actor.sessionId ? { id: { not: actor.sessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, { actorId: actor.id, action: "user.changeOwnPassword", targetType: "User", targetId: actor.id });
  });
}
