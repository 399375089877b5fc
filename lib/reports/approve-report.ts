import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n";
import { CommandError, invalid } from "./errors";
import { assertVersion, loadReportFor, transition } from "./load";
import { authorAndSubmitter, deliverNotifications } from "./notify";
import { hasRedactionPlaceholders } from "./prepare-content";
import { publishEdition } from "./publish-edition";

/**
 * A reviewer approves a submitted report: it goes live now, or — with a future publishAt —
 * is scheduled. Never the reviewer's own words (two-person rule, in permissions.ts). Of two
 * reviewers approving at once exactly one succeeds; the other is told it was already approved.
 */
export async function approveReport(options: {
  actor: SessionUser;
  reportId: string;
  expectedVersion?: number;
  publishAt?: Date | null;
  now?: Date;
}) {
  const { actor, reportId } = options;
  const now = options.now ?? new Date();
  const scheduled = options.publishAt != null && options.publishAt.getTime() > now.getTime();
  if (options.publishAt != null && !scheduled) throw invalid(messages.workflow.publishAtInPast);

  const report = await getDb().$transaction(async (tx) => {
    const report = await loadReportFor(tx, actor, reportId, scheduled ? "schedule" : "approve");
    assertVersion(report, options.expectedVersion);
    if (hasRedactionPlaceholders(report.plainText)) {
      throw new CommandError("NOT_PUBLISHABLE", messages.workflow.placeholdersLeft);
    }
    if (scheduled) {
      await transition(tx, report, "schedule", { status: "SCHEDULED", publishAt: options.publishAt });
      await tx.workflowEvent.create({
        data: {
          reportId,
          actorId: actor.id,
          action: "SCHEDULE",
          fromStatus: "SUBMITTED",
          toStatus: "SCHEDULED",
          comment: formatDateTime(options.publishAt!),
        },
      });
    } else {
      await transition(tx, report, "approve", { status: "PUBLISHED" });
      const revision = await publishEdition(tx, { reportId, actorId: actor.id, at: now });
      await tx.workflowEvent.create({
        data: { reportId, actorId: actor.id, action: "APPROVE", fromStatus: "SUBMITTED", toStatus: "PUBLISHED", revisionId: revision.id },
      });
    }
    return report;
  });

  const author = authorAndSubmitter(report);
  await deliverNotifications(
    scheduled
      ? [{ kind: "SCHEDULED", reportId, actorId: actor.id, userIds: author, message: formatDateTime(options.publishAt!) }]
      : [{ kind: "PUBLISHED", reportId, actorId: actor.id, userIds: author }],
  );
}
