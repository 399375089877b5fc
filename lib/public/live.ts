// What the public may see: a report whose published edition is online. Written once here and
// used by every public query, feed, sitemap and the search index. (No "server-only": the seed
// and the benchmark generator index reports outside Next.)
import type { Prisma } from "@/lib/generated/prisma/client";

/** A report with a live edition, as a Prisma `where`. */
export const LIVE_REPORT = { liveRevisionId: { not: null }, publishedAt: { not: null } } as const satisfies Prisma.ReportWhereInput;

/** The same rule in SQL, for the report table under `alias`. */
export function liveReportSql(alias = `"Report"`): string {
  return `${alias}."liveRevisionId" IS NOT NULL AND ${alias}."publishedAt" IS NOT NULL`;
}

/** Whether a report row, as read, is live. */
export function isLive(report: { liveRevisionId: string | null; publishedAt: Date | null }): boolean {
  return report.liveRevisionId !== null && report.publishedAt !== null;
}

/** A report that was published and then taken down: its public address answers 410 Gone. */
export function isTakenDown(report: { liveRevisionId: string | null; publishedAt: Date | null }): boolean {
  return report.publishedAt !== null && report.liveRevisionId === null;
}
