import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { format } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { assertCommitteeAdmin, columnNameProblem, conflict, isUniqueViolation, notFound, refuse } from "./common";

/** Adds a 栏目 to a committee's list, at its end. */
export async function createColumn(options: { actor: SessionUser; committeeId: string; name: string }) {
  const { actor, committeeId } = options;
  assertCommitteeAdmin(actor, "manageColumns", committeeId);
  const name = options.name.trim();
  const problem = columnNameProblem(name);
  if (problem) throw refuse(problem, "name");
  try {
    return await getDb().$transaction(async (tx) => {
      const committee = await tx.committee.findUnique({ where: { id: committeeId }, select: { archivedAt: true } });
      if (!committee) throw notFound(t.committees.notFound);
      if (committee.archivedAt) throw conflict(t.committees.isArchived);
      if (await tx.column.findUnique({ where: { committeeId_name: { committeeId, name } } })) throw conflict(format(t.columns.nameTaken, { name }));
      const last = await tx.column.aggregate({ where: { committeeId }, _max: { sortOrder: true } });
      const column = await tx.column.create({ data: { committeeId, name, sortOrder: (last._max.sortOrder ?? -1) + 1 } });
      await recordAudit(tx, { actorId: actor.id, action: "column.create", targetType: "Column", targetId: column.id, detail: { committeeId, name } });
      return column;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(format(t.columns.nameTaken, { name }));
    throw error;
  }
}
