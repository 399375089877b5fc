import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { announcePublicChange } from "@/lib/public/changes";
import { ALL_PUBLIC } from "@/lib/public/cache-tags";
import { format } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { assertCommitteeAdmin, columnNameProblem, conflict, isUniqueViolation, notFound, refuse } from "./common";

/**
 * Renames a 栏目. Reports store the name, so the committee's reports, their revisions (the
 * public site reads the live one) and search rows move to the new name in the same
 * transaction; an alias keeps /columns/<old name> answering with a redirect.
 */
export async function renameColumn(options: { actor: SessionUser; columnId: string; name: string }) {
  const { actor, columnId } = options;
  const newName = options.name.trim();
  const problem = columnNameProblem(newName);
  if (problem) throw refuse(problem, "name");
  const db = getDb();
  const found = await db.column.findUnique({ where: { id: columnId }, select: { committeeId: true } });
  if (!found) throw notFound(t.columns.notFound);
  assertCommitteeAdmin(actor, "manageColumns", found.committeeId);

  try {
    return await db.$transaction(async (tx) => {
      const column = await tx.column.findUnique({ where: { id: columnId } });
      if (!column) throw notFound(t.columns.notFound);
      const { committeeId, name: oldName } = column;
      if (oldName === newName) throw refuse(t.columns.sameName, "name");
      if (await tx.column.findUnique({ where: { committeeId_name: { committeeId, name: newName } } })) {
        throw conflict(format(t.columns.nameTaken, { name: newName }));
      }
      await tx.column.update({ where: { id: columnId }, data: { name: newName } });
      await tx.report.updateMany({ where: { committeeId, column: oldName }, data: { column: newName } });
      await tx.revision.updateMany({ where: { report: { committeeId }, column: oldName }, data: { column: newName } });
      await tx.searchDocument.updateMany({ where: { committeeId, column: oldName }, data: { column: newName } });
      // Old links keep working, also across several renames (A → B → C: A and B lead to C);
      // a name taken again by a new 栏目 stops being an alias.
      await tx.columnAlias.updateMany({ where: { committeeId, newName: oldName }, data: { newName } });
      await tx.columnAlias.deleteMany({ where: { committeeId, oldName: newName } });
      await tx.columnAlias.upsert({
        where: { committeeId_oldName: { committeeId, oldName } },
        create: { committeeId, oldName, newName },
        update: { newName },
      });
      await recordAudit(tx, { actorId: actor.id, action: "column.rename", targetType: "Column", targetId: columnId, detail: { committeeId, from: oldName, to: newName } });
      // Public listings and pages show the column name: every cache must drop them (a rename is
      // rare; purging every public page is simpler than naming each report page in the 栏目).
      await announcePublicChange(tx, { reportId: null, tags: [ALL_PUBLIC] });
      return { id: columnId, oldName, newName };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(format(t.columns.nameTaken, { name: newName }));
    throw error;
  }
}
