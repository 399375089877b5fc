import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { chinaMonth } from "./rollup";
import type { StatsScope } from "./access";

/** A range of whole months, "2026-01" to "2026-12", both included. */
export interface MonthRange {
  from: string;
  to: string;
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** From the URL; missing parts default to this month (China time); a malformed one refuses. */
export function parseMonthRange(params: Record<string, string | string[] | undefined>, now = new Date()): MonthRange | null {
  const pick = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v) || undefined;
  };
  const current = chinaMonth(now).slice(0, 7);
  const from = pick("from") ?? current;
  const to = pick("to") ?? (pick("from") ? from : current);
  if (!month.safeParse(from).success || !month.safeParse(to).success || from > to) return null;
  return { from, to };
}

const firstDay = (m: string) => `${m}-01`;

function scopeSql(scope: StatsScope, column: Prisma.Sql): Prisma.Sql {
  if (scope.all) return Prisma.sql`TRUE`;
  if (scope.committeeIds.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`${column} IN (${Prisma.join(scope.committeeIds)})`;
}

export interface CommitteeMonthRow {
  committeeId: string;
  committeeName: string;
  month: string;
  drafted: number;
  submitted: number;
  published: number;
  sentBack: number;
  publishedChars: number;
  decisions: number;
  /** Review turnaround, submit → decision, in hours; null without decisions */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface EditorRow extends Omit<CommitteeMonthRow, "month"> {
  authorId: string;
  authorName: string;
}

const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 10) / 10);

/** Per committee and month, from the rollup: a few hundred rows whatever the number of reports. */
export async function statsByCommitteeMonth(db: PrismaClient, scope: StatsScope, range: MonthRange): Promise<CommitteeMonthRow[]> {
  const rows = await db.$queryRaw<
    { committeeId: string; committeeName: string; month: Date; drafted: number; submitted: number; published: number; sentBack: number; publishedChars: bigint; decisions: number | null; median: number | null; p90: number | null }[]
  >`
    WITH m AS (
      SELECT "committeeId", "month", sum("drafted")::int AS drafted, sum("submitted")::int AS submitted,
        sum("published")::int AS published, sum("sentBack")::int AS "sentBack", sum("publishedChars")::bigint AS "publishedChars"
      FROM "StatsMonthly"
      WHERE "month" BETWEEN ${firstDay(range.from)}::date AND ${firstDay(range.to)}::date AND ${scopeSql(scope, Prisma.sql`"committeeId"`)}
      GROUP BY 1, 2
    ), t AS (
      SELECT "committeeId", "month", count(*)::int AS decisions,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY "seconds") AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY "seconds") AS p90
      FROM "StatsTurnaround"
      WHERE "month" BETWEEN ${firstDay(range.from)}::date AND ${firstDay(range.to)}::date AND ${scopeSql(scope, Prisma.sql`"committeeId"`)}
      GROUP BY 1, 2
    )
    SELECT m.*, c."name" AS "committeeName", t.decisions, t.median, t.p90
    FROM m JOIN "Committee" c ON c."id" = m."committeeId"
    LEFT JOIN t ON t."committeeId" = m."committeeId" AND t."month" = m."month"
    ORDER BY m."month" DESC, c."sortOrder", c."name"`;
  return rows.map((r) => ({
    committeeId: r.committeeId,
    committeeName: r.committeeName,
    month: r.month.toISOString().slice(0, 7),
    drafted: r.drafted,
    submitted: r.submitted,
    published: r.published,
    sentBack: r.sentBack,
    publishedChars: Number(r.publishedChars),
    decisions: r.decisions ?? 0,
    medianHours: hours(r.median),
    p90Hours: hours(r.p90),
  }));
}

/** Per editor (the reports' author) and committee over the whole range. */
export async function statsByEditor(db: PrismaClient, scope: StatsScope, range: MonthRange): Promise<EditorRow[]> {
  const rows = await db.$queryRaw<
    { committeeId: string; committeeName: string; authorId: string; authorName: string | null; drafted: number; submitted: number; published: number; sentBack: number; publishedChars: bigint; decisions: number | null; median: number | null; p90: number | null }[]
  >`
    WITH m AS (
      SELECT "committeeId", "authorId", sum("drafted")::int AS drafted, sum("submitted")::int AS submitted,
        sum("published")::int AS published, sum("sentBack")::int AS "sentBack", sum("publishedChars")::bigint AS "publishedChars"
      FROM "StatsMonthly"
      WHERE "month" BETWEEN ${firstDay(range.from)}::date AND ${firstDay(range.to)}::date AND ${scopeSql(scope, Prisma.sql`"committeeId"`)}
      GROUP BY 1, 2
    ), t AS (
      SELECT "committeeId", "authorId", count(*)::int AS decisions,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY "seconds") AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY "seconds") AS p90
      FROM "StatsTurnaround"
      WHERE "month" BETWEEN ${firstDay(range.from)}::date AND ${firstDay(range.to)}::date AND ${scopeSql(scope, Prisma.sql`"committeeId"`)}
      GROUP BY 1, 2
    )
    SELECT m.*, c."name" AS "committeeName", u."displayName" AS "authorName", t.decisions, t.median, t.p90
    FROM m JOIN "Committee" c ON c."id" = m."committeeId"
    LEFT JOIN "User" u ON u."id" = m."authorId"
    LEFT JOIN t ON t."committeeId" = m."committeeId" AND t."authorId" = m."authorId"
    ORDER BY c."sortOrder", c."name", m.published DESC, u."displayName"`;
  return rows.map((r) => ({
    committeeId: r.committeeId,
    committeeName: r.committeeName,
    authorId: r.authorId,
    authorName: r.authorName ?? r.authorId,
    drafted: r.drafted,
    submitted: r.submitted,
    published: r.published,
    sentBack: r.sentBack,
    publishedChars: Number(r.publishedChars),
    decisions: r.decisions ?? 0,
    medianHours: hours(r.median),
    p90Hours: hours(r.p90),
  }));
}
