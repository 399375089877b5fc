import "server-only";
import type { Tx } from "./load";
import { indexPublishedReport } from "@/lib/search/document";
import { announcePublicChange } from "@/lib/public/changes";
import { writeRevision } from "./snapshot";

/**
 * Makes the report's working edition the live one (inside the caller's transaction, after the
 * caller has moved the row to PUBLISHED): a PUBLISH revision becomes Report.liveRevision. The
 * first publication time is kept; a correction note travels with its edition and is cleared
 * from the working copy so the next edition does not repeat it.
 */
export async function publishEdition(tx: Tx, options: { reportId: string; actorId: string | null; at: Date }) {
  const revision = await writeRevision(tx, {
    reportId: options.reportId,
    reason: "PUBLISH",
    actorId: options.actorId,
    publishedAt: options.at,
  });
  const report = await tx.report.findUniqueOrThrow({ where: { id: options.reportId }, select: { publishedAt: true } });
  await tx.report.update({
    where: { id: options.reportId },
    data: {
      liveRevisionId: revision.id,
      publishedAt: report.publishedAt ?? options.at,
      publishAt: null,
      unpublishedAt: null,
      unpublishReason: "",
      correctionNote: "",
    },
  });
  await indexPublishedReport(tx, options.reportId);
  await announcePublicChange(tx, options.reportId);
  return revision;
}
