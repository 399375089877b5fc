import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { messages } from "@/lib/i18n";
import { CommandError } from "./errors";
import { assertVersion, loadReportFor } from "./load";
import { snapshotOf, writeRevision } from "./snapshot";

/**
 * Makes an earlier revision the current draft (a published report gets a new edition; the
 * live one stays online). The restore itself is a revision, so it can be undone the same way.
 */
export async function restoreRevision(options: {
  actor: SessionUser;
  reportId: string;
  revisionId: string;
  expectedVersion?: number;
}): Promise<{ version: number }> {
  const { actor, reportId } = options;
  return getDb().$transaction(async (tx) => {
    const report = await loadReportFor(tx, actor, reportId, "restoreRevision");
    assertVersion(report, options.expectedVersion);
    const revision = await tx.revision.findFirst({ where: { id: options.revisionId, reportId } });
    if (!revision) throw new CommandError("NOT_FOUND", messages.workflow.revisionNotFound);
    // The draft being replaced is kept as a revision of its own.
    await writeRevision(tx, { reportId, reason: "BEFORE_RESTORE", actorId: actor.id });

    const { count } = await tx.report.updateMany({
      where: { id: reportId, version: report.version, status: report.status },
      data: {
        ...snapshotOf(revision),
        status: "DRAFT",
        lastEditedById: actor.id,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw new CommandError("STALE_STATE", "稿件已被他人修改，请刷新后再操作");
    const snapshot = await writeRevision(tx, { reportId, reason: "RESTORE", actorId: actor.id });
    await tx.workflowEvent.create({
      data: {
        reportId,
        actorId: actor.id,
        action: "RESTORE",
        fromStatus: report.status,
        toStatus: "DRAFT",
        comment: `恢复第 ${revision.number} 版`,
        revisionId: snapshot.id,
      },
    });
    return { version: report.version + 1 };
  });
}
