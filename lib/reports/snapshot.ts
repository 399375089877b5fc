// What a Revision copies from a report: every field a reader or reviewer may compare.
import type { Prisma } from "@/lib/generated/prisma/client";

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
