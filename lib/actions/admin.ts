"use server";
// Server actions of administration and of each person's own account. Each validates its input
// with zod, runs one command of lib/admin/commands (which checks permissions again) and
// answers with a notice to show; a one-time password comes back once, as `secret`.
import { z } from "zod";
import { addMembership } from "@/lib/admin/commands/add-membership";
import { archiveCommittee } from "@/lib/admin/commands/archive-committee";
import { setColumnArchived } from "@/lib/admin/commands/archive-column";
import { changeOwnPassword } from "@/lib/admin/commands/change-own-password";
import { changeRole } from "@/lib/admin/commands/change-role";
import { createColumn } from "@/lib/admin/commands/create-column";
import { createCommittee } from "@/lib/admin/commands/create-committee";
import { createUser } from "@/lib/admin/commands/create-user";
import { updateCommittee } from "@/lib/admin/commands/update-committee";
import { deactivateUser } from "@/lib/admin/commands/deactivate-user";
import { reactivateUser } from "@/lib/admin/commands/reactivate-user";
import { removeMembership } from "@/lib/admin/commands/remove-membership";
import { renameColumn } from "@/lib/admin/commands/rename-column";
import { resetPassword } from "@/lib/admin/commands/reset-password";
import { setSiteAdmin } from "@/lib/admin/commands/set-site-admin";
import { revokeOwnSession, signOutEverywhere } from "@/lib/admin/commands/revoke-session";
import { format } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { ROLES } from "@/lib/reports/rules/workflow";
import { accountActionClient, authActionClient } from "./client";

export interface AdminNotice {
  notice: string;
  /** A one-time password, shown once. */
  secret?: string;
}

const id = z.string().min(1).max(64);
const role = z.enum(ROLES);
const text = (max: number) => z.string().max(max);
/** Checkboxes arrive from forms as "on" or not at all. */
const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("")]).optional().transform((v) => v === true || v === "on");

export const createCommitteeAction = authActionClient
  .inputSchema(
    z.object({
      slug: text(100),
      name: text(100),
      city: text(50),
      description: text(2000).optional(),
      sortOrder: z.coerce.number().int().optional(),
      /** One 栏目 per line */
      columns: text(5000).optional(),
    }),
  )
  .action(async ({ parsedInput: p, ctx }): Promise<AdminNotice> => {
    const committee = await createCommittee({
      actor: ctx.actor,
      input: { ...p, columns: (p.columns ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean) },
    });
    return { notice: format(t.committees.created, { name: committee.name }) };
  });

export const updateCommitteeAction = authActionClient
  .inputSchema(
    z.object({
      committeeId: id,
      name: text(100),
      city: text(50),
      description: text(2000).optional(),
      sortOrder: z.coerce.number().int().optional(),
    }),
  )
  .action(async ({ parsedInput: p, ctx }): Promise<AdminNotice> => {
    const committee = await updateCommittee({ actor: ctx.actor, input: p });
    return { notice: format(t.committees.updated, { name: committee.name }) };
  });

export const archiveCommitteeAction = authActionClient.inputSchema(z.object({ committeeId: id })).action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
  await archiveCommittee({ actor: ctx.actor, committeeId: parsedInput.committeeId });
  return { notice: t.committees.archived };
});

export const createUserAction = authActionClient
  .inputSchema(z.object({ username: text(100), displayName: text(100), email: text(200).optional(), isAdmin: checkbox }))
  .action(async ({ parsedInput: p, ctx }): Promise<AdminNotice> => {
    const { user, oneTimePassword } = await createUser({ actor: ctx.actor, input: { ...p, email: p.email ?? "" } });
    return { notice: format(t.users.oneTimePasswordNote, { name: `${user.displayName}（${user.username}）` }), secret: oneTimePassword };
  });

export const resetPasswordAction = authActionClient.inputSchema(z.object({ userId: id })).action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
  const { user, oneTimePassword } = await resetPassword({ actor: ctx.actor, userId: parsedInput.userId });
  return { notice: format(t.users.oneTimePasswordNote, { name: `${user.displayName}（${user.username}）` }), secret: oneTimePassword };
});

export const deactivateUserAction = authActionClient.inputSchema(z.object({ userId: id })).action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
  const user = await deactivateUser({ actor: ctx.actor, userId: parsedInput.userId });
  return { notice: format(t.users.deactivated, { name: user.displayName }) };
});

export const reactivateUserAction = authActionClient.inputSchema(z.object({ userId: id })).action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
  const user = await reactivateUser({ actor: ctx.actor, userId: parsedInput.userId });
  return { notice: format(t.users.reactivated, { name: user.displayName }) };
});

export const setSiteAdminAction = authActionClient
  .inputSchema(z.object({ userId: id, isAdmin: z.union([z.boolean(), z.enum(["true", "false"])]).transform((v) => v === true || v === "true") }))
  .action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
    await setSiteAdmin({ actor: ctx.actor, ...parsedInput });
    return { notice: parsedInput.isAdmin ? t.users.grantAdmin : t.users.revokeAdmin };
  });

export const addMembershipAction = authActionClient
  .inputSchema(z.object({ committeeId: id, username: text(100), role }))
  .action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
    const added = await addMembership({ actor: ctx.actor, ...parsedInput });
    return { notice: format(t.members.added, { name: added.displayName }) };
  });

export const changeRoleAction = authActionClient.inputSchema(z.object({ committeeId: id, userId: id, role })).action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
  await changeRole({ actor: ctx.actor, ...parsedInput });
  return { notice: t.members.changeRole };
});

export const removeMembershipAction = authActionClient.inputSchema(z.object({ committeeId: id, userId: id })).action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
  await removeMembership({ actor: ctx.actor, ...parsedInput });
  return { notice: t.members.remove };
});

export const createColumnAction = authActionClient.inputSchema(z.object({ committeeId: id, name: text(200) })).action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
  const column = await createColumn({ actor: ctx.actor, ...parsedInput });
  return { notice: column.name };
});

export const renameColumnAction = authActionClient.inputSchema(z.object({ columnId: id, name: text(200) })).action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
  const renamed = await renameColumn({ actor: ctx.actor, ...parsedInput });
  return { notice: `${renamed.oldName} → ${renamed.newName}` };
});

export const setColumnArchivedAction = authActionClient
  .inputSchema(z.object({ columnId: id, archived: z.union([z.boolean(), z.enum(["true", "false"])]).transform((v) => v === true || v === "true") }))
  .action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
    await setColumnArchived({ actor: ctx.actor, ...parsedInput });
    return { notice: parsedInput.archived ? t.columns.archived : t.columns.restore };
  });

// The account: open while a one-time password is still to be changed.

export const changeOwnPasswordAction = accountActionClient
  .inputSchema(z.object({ currentPassword: text(500), newPassword: text(500), confirmPassword: text(500) }))
  .action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
    await changeOwnPassword({ actor: ctx.actor, ...parsedInput });
    return { notice: t.account.saved };
  });

export const revokeOwnSessionAction = accountActionClient.inputSchema(z.object({ sessionId: id })).action(async ({ parsedInput, ctx }): Promise<AdminNotice> => {
  await revokeOwnSession({ actor: ctx.actor, sessionId: parsedInput.sessionId });
  return { notice: t.account.revoked };
});

export const signOutEverywhereAction = accountActionClient.action(async ({ ctx }): Promise<AdminNotice> => {
  await signOutEverywhere({ actor: ctx.actor });
  return { notice: t.account.signOutEverywhere };
});
