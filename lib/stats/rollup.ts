// The 报送 statistics rollup, kept in step inside the transactions that change what it counts
// (applyTransition, createReport), so the statistics page reads a few hundred rows however many
// reports there are. rebuildStats() recomputes it from WorkflowEvent (the same SQL fills it in
// the migration that created it).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { TransitionName } from "@/lib/reports/rules/workflow";
import { BUCKET_SQL } from "./histogram";

type Tx = Prisma.TransactionClient;

/** The first day of the month in China time, as the DATE the rollup stores ("2026-12-01"). */
export function chinaMonth(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3_600_000);
  return `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

export interface StatsEffect {
  submitted?: true;
  published?: true;
  sentBack?: true;
  /** A review decision: its turnaround since the submission is kept */
  decision?: true;
}

/** What each transition counts. Pure; the recomputation SQL below says the same in events. */
export function statsEffect(name: TransitionName, to: string): StatsEffect {
  switch (name) {
    case "submit":
      return { submitted: true };
    case "requestChanges":
      return { sentBack: true, decision: true };
    case "approve":
      return to === "PUBLISHED" ? { published: true, decision: true } : { decision: true };
    case "schedule":
      return { decision: true };
    case "publishScheduled":
      return { published: true };
    default:
      return {};
  }
}

async function bump(tx: Tx, key: { committeeId: string; month: string; authorId: string }, add: { drafted?: number; submitted?: number; published?: number; sentBack?: number; chars?: number }) {
  await tx.$executeRaw`
    INSERT INTO "StatsMonthly" ("committeeId", "month", "authorId", "drafted", "submitted", "published", "sentBack", "publishedChars")
    VALUES (${key.committeeId}, ${key.month}::date, ${key.authorId}, ${add.drafted ?? 0}, ${add.submitted ?? 0}, ${add.published ?? 0}, ${add.sentBack ?? 0}, ${add.chars ?? 0})
    ON CONFLICT ("committeeId", "month", "authorId") DO UPDATE SET
      "drafted" = "StatsMonthly"."drafted" + EXCLUDED."drafted",
      "submitted" = "StatsMonthly"."submitted" + EXCLUDED."submitted",
      "published" = "StatsMonthly"."published" + EXCLUDED."published",
      "sentBack" = "StatsMonthly"."sentBack" + EXCLUDED."sentBack",
      "publishedChars" = "StatsMonthly"."publishedChars" + EXCLUDED."publishedChars"`;
}

/** The hook in applyTransition, after its WorkflowEvent is written. */
export async function recordTransitionStats(
  tx: Tx,
  input: { name: TransitionName; to: string; report: { id: string; committeeId: string; authorId: string }; event: { id: string; createdAt: Date }; revisionId: string | null },
): Promise<void> {
  const effect = statsEffect(input.name, input.to);
  if (!effect.submitted && !effect.published && !effect.sentBack && !effect.decision) return;
  const key = { committeeId: input.report.committeeId, month: chinaMonth(input.event.createdAt), authorId: input.report.authorId };
  let chars = 0;
  if (effect.published && input.revisionId) {
    chars = (await tx.revision.findUnique({ where: { id: input.revisionId }, select: { charCount: true } }))?.charCount ?? 0;
  }
  if (effect.submitted || effect.published || effect.sentBack) {
    await bump(tx, key, { submitted: effect.submitted ? 1 : 0, published: effect.published ? 1 : 0, sentBack: effect.sentBack ? 1 : 0, chars });
  }
  if (effect.decision) {
    const submission = await tx.workflowEvent.findFirst({
      where: { reportId: input.report.id, action: "SUBMIT", createdAt: { lte: input.event.createdAt } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    if (submission) {
      const seconds = Math.floor((input.event.createdAt.getTime() - submission.createdAt.getTime()) / 1000);
      await tx.$executeRawUnsafe(
        `INSERT INTO "StatsTurnaround" ("committeeId", "month", "authorId", "bucket", "count")
         VALUES ($1, $2::date, $3, ${BUCKET_SQL("$4::int")}, 1)
         ON CONFLICT ("committeeId", "month", "authorId", "bucket") DO UPDATE SET "count" = "StatsTurnaround"."count" + 1`,
        key.committeeId,
        key.month,
        key.authorId,
        seconds,
      );
    }
  }
}

/** The hook in createReport: one more draft begun. */
export async function recordDraftedStats(tx: Tx, input: { committeeId: string; authorId: string; at: Date }): Promise<void> {
  await bump(tx, { committeeId: input.committeeId, month: chinaMonth(input.at), authorId: input.authorId }, { drafted: 1 });
}

const MONTH = (column: string) => `date_trunc('month', (${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date`;

/** The rollup's rows computed from the events alone. */
export const RECOMPUTE_MONTHLY_SQL = `
  SELECT r."committeeId", ${MONTH('e."createdAt"')} AS "month", r."authorId",
    (count(*) FILTER (WHERE e."action" = 'CREATE'))::int AS "drafted",
    (count(*) FILTER (WHERE e."action" = 'SUBMIT'))::int AS "submitted",
    (count(*) FILTER (WHERE e."action" IN ('APPROVE', 'PUBLISH') AND e."toStatus" = 'PUBLISHED'))::int AS "published",
    (count(*) FILTER (WHERE e."action" = 'REQUEST_CHANGES'))::int AS "sentBack",
    (coalesce(sum(rv."charCount") FILTER (WHERE e."action" IN ('APPROVE', 'PUBLISH') AND e."toStatus" = 'PUBLISHED'), 0))::bigint AS "publishedChars"
  FROM "WorkflowEvent" e
  JOIN "Report" r ON r."id" = e."reportId"
  LEFT JOIN "Revision" rv ON rv."id" = e."revisionId"
  WHERE e."action" IN ('CREATE', 'SUBMIT', 'APPROVE', 'PUBLISH', 'REQUEST_CHANGES')
  GROUP BY 1, 2, 3`;

export const RECOMPUTE_TURNAROUND_SQL = `
  SELECT r."committeeId", ${MONTH('d."createdAt"')} AS "month", r."authorId",
    ${BUCKET_SQL(`floor(extract(epoch FROM d."createdAt" - s."createdAt"))::int`)} AS "bucket", count(*)::int AS "count"
  FROM "WorkflowEvent" d
  JOIN "Report" r ON r."id" = d."reportId"
  JOIN LATERAL (
    SELECT x."createdAt" FROM "WorkflowEvent" x
    WHERE x."reportId" = d."reportId" AND x."action" = 'SUBMIT' AND x."createdAt" <= d."createdAt"
    ORDER BY x."createdAt" DESC LIMIT 1
  ) s ON true
  WHERE d."action" IN ('APPROVE', 'SCHEDULE', 'REQUEST_CHANGES')
  GROUP BY 1, 2, 3, 4`;

/** Recomputes the whole rollup from the events (for databases with history, or after repair). */
export async function rebuildStats(db: PrismaClient): Promise<void> {
  await db.$transaction(
    async (tx) => {
      // Nobody counts into a table that is being rebuilt.
      await tx.$executeRawUnsafe(`LOCK TABLE "StatsMonthly", "StatsTurnaround" IN EXCLUSIVE MODE`);
      await tx.$executeRawUnsafe(`DELETE FROM "StatsMonthly"`);
      await tx.$executeRawUnsafe(`DELETE FROM "StatsTurnaround"`);
      await tx.$executeRawUnsafe(`INSERT INTO "StatsMonthly" ("committeeId", "month", "authorId", "drafted", "submitted", "published", "sentBack", "publishedChars") ${RECOMPUTE_MONTHLY_SQL}`);
      await tx.$executeRawUnsafe(`INSERT INTO "StatsTurnaround" ("committeeId", "month", "authorId", "bucket", "count") ${RECOMPUTE_TURNAROUND_SQL}`);
    },
    { timeout: 60 * 60_000, maxWait: 60_000 },
  );
}
