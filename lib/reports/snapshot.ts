// What a Revision copies from a report: every field a reader or reviewer may compare.
import type { Prisma, RevisionReason } from "@/lib/generated/prisma/client";
import type { Tx } from "./load";

export const SNAPSHOT_FIELDS = [
  "kicker",
  "title",
  "subtitle",
  "byline",
  "source",
  "originalTitle",
  "responsibleEditor",
  "summary",
  "column",
  "tags",
  "coverImageId",
  "issueDate",
  "correctionNote",
  "html",
  "plainText",
  "charCount",
] as const;

type SnapshotSource = Pick<Prisma.ReportGetPayload<object>, (typeof SNAPSHOT_FIELDS)[number] | "content">;

export function snapshotOf(report: SnapshotSource) {
  const fields = Object.fromEntries(SNAPSHOT_FIELDS.map((key) => [key, report[key]])) as Pick<
    SnapshotSource,
    (typeof SNAPSHOT_FIELDS)[number]
  >;
  return { ...fields, content: report.content as Prisma.InputJsonValue };
}

/** Writes a full snapshot of the report as it is now (inside the caller's transaction). */
export async function writeRevision(
  tx: Tx,
  options: { reportId: string; reason: RevisionReason; actorId: string | null; publishedAt?: Date },
) {
  const report = await tx.report.findUniqueOrThrow({ where: { id: options.reportId } });
  const last = await tx.revision.aggregate({ where: { reportId: report.id }, _max: { number: true } });
  return tx.revision.create({
    data: {
      reportId: report.id,
      number: (last._max.number ?? 0) + 1,
      reason: options.reason,
      reportVersion: report.version,
      createdById: options.actorId,
      publishedAt: options.publishedAt ?? null,
      ...snapshotOf(report),
    },
    select: { id: true, number: true },
  });
}
