import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { messages } from "@/lib/i18n";
import { CommandError } from "./errors";
import { assertVersion, loadReportFor, transition } from "./load";
import { deliverNotifications } from "./notify";
import { writeRevision } from "./snapshot";

/** DRAFT → SUBMITTED, with a revision snapshot; the committee's reviewers are notified. */
export async function submitReport(options: { actor: SessionUser; reportId: string; expectedVersion?: number }) {
  const { actor, reportId } = options;
  const report = await getDb().$transaction(async (tx) => {
    const report = await loadReportFor(tx, actor, reportId, "submit");
    assertVersion(report, options.expectedVersion);
    if (!report.title.trim()) throw new CommandError("INVALID", messages.workflow.titleRequired);
    if (!report.plainText.trim()) throw new CommandError("INVALID", messages.workflow.bodyRequired);
    await transition(tx, report, "submit", { status: "SUBMITTED", submittedById: actor.id });
    const revision = await writeRevision(tx, { reportId, reason: "SUBMIT", actorId: actor.id });
    await tx.workflowEvent.create({
      data: { reportId, actorId: actor.id, action: "SUBMIT", fromStatus: report.status, toStatus: "SUBMITTED", revisionId: revision.id },
    });
    return report;
  });
  await deliverNotifications([{ kind: "SUBMITTED", reportId, actorId: actor.id, reviewersOf: report.committeeId }]);
}
