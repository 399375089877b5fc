import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { normalizeUsername } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { format } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { assertSiteAdmin, conflict, generateOneTimePassword, isUniqueViolation, refuse, USERNAME_PATTERN } from "./common";

export const createUserSchema = z.object({
  username: z.string().max(100),
  displayName: z.string().trim().max(100),
  email: z.string().trim().max(200).default(""),
  isAdmin: z.boolean().default(false),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

/**
 * A new account with a one-time password, returned once (to be shown to the admin) and
 * stored only as its argon2id hash; the person must choose their own at first sign-in.
 */
export async function createUser(options: { actor: SessionUser; input: CreateUserInput }) {
  const { actor } = options;
  assertSiteAdmin(actor, "manageUsers");
  const input = createUserSchema.parse(options.input);
  const username = normalizeUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) throw refuse(t.users.usernameInvalid, "username");
  if (!input.displayName) throw refuse(t.users.displayNameRequired, "displayName");
  const email = input.email ? input.email.toLowerCase() : null;
  if (email && !z.email().safeParse(email).success) throw refuse("电子邮箱格式不正确", "email");

  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    const user = await getDb().$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { username }, select: { id: true } })) throw conflict(format(t.users.usernameTaken, { username }));
      if (email && (await tx.user.findUnique({ where: { email }, select: { id: true } }))) throw conflict(format(t.users.emailTaken, { email }));
      const created = await tx.user.create({
        data: { username, displayName: input.displayName, email, isAdmin: input.isAdmin, passwordHash, mustChangePassword: true },
        select: { id: true, username: true, displayName: true },
      });
      await recordAudit(tx, { actorId: actor.id, action: "user.create", targetType: "User", targetId: created.id, detail: { username, isAdmin: input.isAdmin } });
      return created;
    });
    return { user, oneTimePassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(format(t.users.usernameTaken, { username }));
    throw error;
  }
}
