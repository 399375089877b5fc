import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { assertSiteAdmin, generateOneTimePassword, notFound } from "./common";

/**
 * A forgotten password: a new one-time password (shown once), every session of the person
 * ended, and a new password required at their next sign-in.
 */
export async function resetPassword(options: { actor: SessionUser; userId: string }) {
  const { actor, userId } = options;
  assertSiteAdmin(actor, "manageUsers");
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await getDb().$transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: { id: userId }, select: { id: true, username: true, displayName: true } });
    if (!found) throw notFound(t.users.notFound);
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
    await revokeAllSessions(tx, userId);
    await recordAudit(tx, { actorId: actor.id, action: "user.resetPassword", targetType: "User", targetId: userId, detail: { username: found.username } });
    return found;
  });
  return { user, oneTimePassword };
}
