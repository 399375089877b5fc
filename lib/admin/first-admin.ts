// A new installation has no accounts (production runs no demo seed), and a site whose only
// admins forgot their passwords has no one to reset them. Whoever can run a command on the
// server (`docker compose exec app1 node create-admin.mjs …`, scripts/create-admin.ts) can do
// these two things, and only these: create the first site admin while there is none, and give
// an existing site admin a new one-time password. Everything else stays with the studio.
import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { normalizeUsername } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/audit/record";
import { format } from "@/lib/i18n";
import { adminMessages } from "@/lib/i18n/admin.zh-CN";
import { generateOneTimePassword, PEOPLE_LOCK_SQL, USERNAME_PATTERN } from "./account-rules";

const t = adminMessages.firstAdmin;

/** A refusal with its Chinese message; nothing was changed. */
export class FirstAdminRefusal extends Error {
  override name = "FirstAdminRefusal";
}

export interface IssuedPassword {
  user: { id: string; username: string; displayName: string };
  /** Shown once; stored only as its argon2id hash. */
  oneTimePassword: string;
}

/** The first site admin, with a one-time password; refused while an active site admin exists. */
export async function createFirstAdmin(db: Db, input: { username: string; displayName?: string }): Promise<IssuedPassword> {
  const username = normalizeUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) throw new FirstAdminRefusal(adminMessages.users.usernameInvalid);
  const displayName = input.displayName?.trim() || "系统管理员";
  if ([...displayName].length > 100) throw new FirstAdminRefusal("姓名不能超过 100 个字符");
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await db.$transaction(async (tx) => {
    // The same lock as every change to who may act: two runs at once create one admin.
    await tx.$executeRawUnsafe(PEOPLE_LOCK_SQL);
    const admins = await tx.user.findMany({ where: { isAdmin: true, isActive: true }, select: { username: true }, orderBy: { username: "asc" } });
    if (admins.length > 0) throw new FirstAdminRefusal(format(t.adminsExist, { names: admins.map((a) => a.username).join("、") }));
    if (await tx.user.findUnique({ where: { username }, select: { id: true } })) {
      throw new FirstAdminRefusal(format(adminMessages.users.usernameTaken, { username }));
    }
    const created = await tx.user.create({
      data: { username, displayName, isAdmin: true, passwordHash, mustChangePassword: true },
      select: { id: true, username: true, displayName: true },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "user.create",
      targetType: "User",
      targetId: created.id,
      detail: { username, isAdmin: true, via: "command line" },
    });
    return created;
  });
  return { user, oneTimePassword };
}

/** A new one-time password for an active site admin; every session of theirs ends. */
export async function resetAdminPassword(db: Db, input: { username: string }): Promise<IssuedPassword> {
  const username = normalizeUsername(input.username);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(PEOPLE_LOCK_SQL);
    const found = await tx.user.findUnique({ where: { username }, select: { id: true, username: true, displayName: true, isAdmin: true, isActive: true } });
    if (!found) throw new FirstAdminRefusal(format(t.notFound, { username }));
    if (!found.isAdmin) throw new FirstAdminRefusal(format(t.notAdmin, { username }));
    if (!found.isActive) throw new FirstAdminRefusal(format(t.inactive, { username }));
    await tx.user.update({ where: { id: found.id }, data: { passwordHash, mustChangePassword: true } });
    await revokeAllSessions(tx, found.id);
    await recordAudit(tx, {
      actorId: null,
      action: "user.resetPassword",
      targetType: "User",
      targetId: found.id,
      detail: { username, via: "command line" },
    });
    return { id: found.id, username: found.username, displayName: found.displayName };
  });
  return { user, oneTimePassword };
}
