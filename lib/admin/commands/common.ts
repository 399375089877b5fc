// Shared pieces of the administration commands: permission checks that throw Chinese
// refusals, the one lock that serialises changes to who may act, and input rules.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/actor";
import { CommandError } from "@/lib/reports/errors";
import { format } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { PEOPLE_LOCK_SQL } from "../account-rules";
import { canAdminCommittee, canAdminSite, type CommitteeAction, type SiteAction } from "../rules";

export { generateOneTimePassword, USERNAME_PATTERN } from "../account-rules";

export type Tx = Prisma.TransactionClient;

export function forbidden(): CommandError {
  return new CommandError("FORBIDDEN", t.forbidden);
}
export function conflict(message: string): CommandError {
  return new CommandError("CONFLICT", message);
}
export function notFound(message: string): CommandError {
  return new CommandError("NOT_FOUND", message);
}
export function refuse(message: string, field?: string): CommandError {
  return new CommandError("INVALID", message, field ? { [field]: message } : {});
}

export function assertSiteAdmin(actor: SessionUser, action: SiteAction): void {
  if (!canAdminSite(actor, action)) throw forbidden();
}

/** A committee the actor may not administer answers like a missing one to non-members. */
export function assertCommitteeAdmin(actor: SessionUser, action: CommitteeAction, committeeId: string): void {
  if (!canAdminCommittee(actor, action, committeeId)) throw forbidden();
}

/**
 * Changes to who may act (accounts, admin flags, memberships) take this transaction-scoped
 * lock, so that checks such as "the last site admin" or "the last reviewer" cannot both pass
 * in two concurrent transactions.
 */
export async function lockPeople(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(PEOPLE_LOCK_SQL);
}

/** Reports waiting for a reviewer of the committee: what losing its last reviewer would strand. */
export async function assertNotLastReviewer(tx: Tx, input: { userId: string; committeeId: string; displayName: string; committeeName: string }): Promise<void> {
  const others = await tx.membership.count({
    where: { committeeId: input.committeeId, role: "REVIEWER", userId: { not: input.userId }, user: { isActive: true } },
  });
  if (others > 0) return;
  const waiting = await tx.report.findMany({
    where: { committeeId: input.committeeId, status: { in: ["SUBMITTED", "SCHEDULED"] } },
    select: { title: true },
    orderBy: { updatedAt: "asc" },
    take: 20,
  });
  if (waiting.length === 0) return;
  throw conflict(
    format(t.members.lastReviewer, {
      name: input.displayName,
      committee: input.committeeName,
      titles: waiting.map((r) => `《${r.title}》`).join("、"),
    }),
  );
}

/** Slugs are URL segments: lower-case Latin, digits and hyphens, starting with a letter. */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
export const COLUMN_NAME_MAX = 50;

/** A 栏目 name is a URL segment of the public site too: no characters that break a path. */
export function columnNameProblem(name: string): string | null {
  if (!name) return t.columns.nameRequired;
  if ([...name].length > COLUMN_NAME_MAX) return format(t.columns.nameTooLong, { max: COLUMN_NAME_MAX });
  if (/[/?#%\\]/.test(name) || /[\u0000-\u001f]/.test(name)) return t.columns.nameInvalid;
  return null;
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
