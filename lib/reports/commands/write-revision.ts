// What a Revision copies from a report: the fields of rules/fields.ts and what is derived from
// the body, so that any two revisions can be compared and a live edition rendered.
import type { Prisma, RevisionReason } from "@/lib/generated/prisma/client";
import { SNAPSHOT_COLUMNS } from "../rules/fields";
import type { Tx } from "./load-report";

type SnapshotColumn = (typeof SNAPSHOT_COLUMNS)[number];
type SnapshotSource = Pick<Prisma.ReportGetPayload<object>, SnapshotColumn | "content">;

export function snapshotOf(report: SnapshotSource) {
  const columns = Object.fromEntries(SNAPSHOT_COLUMNS.map((key) => [key, report[key]])) as Pick<SnapshotSource, SnapshotColumn>;
  return { ...columns, content: report.content as Prisma.InputJsonValue };
}

/** Writes a full snapshot of the report as it is now (inside the caller's transaction). */
export async function writeRevision(
  tx: Tx,
  options: { reportId: string; reason: RevisionReason; actorId: string | null; publishedAt?: Date; at?: Date },
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
      ...(options.at ? { createdAt: options.at } : {}),
      ...snapshotOf(report),
    },
    select: { id: true, number: true },
  });
}
