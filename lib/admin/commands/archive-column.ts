import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { announcePublicChange } from "@/lib/public/changes";
import { columnTag } from "@/lib/public/cache-tags";
import { assertCommitteeAdmin, notFound } from "./common";

/**
 * Takes a 栏目 off the list editors pick from (or puts it back). Reports already filed under
 * it keep it and its public page stays. The public 栏目 list (home page) shows only listed 栏目,
 * so the change is announced: the home page and the 栏目's own page are purged.
 */
export async function setColumnArchived(options: { actor: SessionUser; columnId: string; archived: boolean }) {
  const { actor, columnId, archived } = options;
  const db = getDb();
  const column = await db.column.findUnique({ where: { id: columnId }, select: { committeeId: true, name: true } });
  if (!column) throw notFound(t.columns.notFound);
  assertCommitteeAdmin(actor, "manageColumns", column.committeeId);
  await db.$transaction(async (tx) => {
    await tx.column.update({ where: { id: columnId }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit(tx, { actorId: actor.id, action: archived ? "column.archive" : "column.restore", targetType: "Column", targetId: columnId, detail: { name: column.name } });
    await announcePublicChange(tx, { reportId: null, tags: ["home", columnTag(column.name)] });
  });
}
