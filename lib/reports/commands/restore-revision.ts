import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { format, messages } from "@/lib/i18n";
import { CommandError } from "../errors";
import { applyTransition } from "./apply-transition";
import { loadReportFor } from "./load-report";
import { snapshotOf, writeRevision } from "./write-revision";

/**
 * Makes an earlier revision the current draft (a published report gets a new edition; the
 * live one stays online). The draft being replaced is kept first as a revision of its own, and
 * the restore itself is a revision, so it can be undone the same way.
 */
export async function restoreRevision(options: {
  actor: SessionUser;
  reportId: string;
  revisionId: string;
  expectedVersion?: number;
}): Promise<{ version: number }> {
  const { actor, reportId } = options;
  return getDb().$transaction(async (tx) => {
    const report = await loadReportFor(tx, actor, reportId, "restoreRevision", "restore");
    const revision = await tx.revision.findFirst({ where: { id: options.revisionId, reportId } });
    if (!revision) throw new CommandError("NOT_FOUND", messages.workflow.revisionNotFound);
    await writeRevision(tx, { reportId, reason: "BEFORE_RESTORE", actorId: actor.id });
    const result = await applyTransition(tx, {
      actor,
      reportId,
      name: "restore",
      expectedVersion: options.expectedVersion,
      comment: format(messages.workflow.restoredFrom, { number: revision.number }),
      set: {
        ...snapshotOf(revision),
        lastEditedById: actor.id,
        ...(report.editionEditorIds.includes(actor.id) ? {} : { editionEditorIds: { push: actor.id } }),
      },
    });
    return { version: result.version };
  });
}
