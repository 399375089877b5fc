import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { chinaMonth } from "./rollup";
import { histogramPercentile } from "./histogram";
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
  /** Review turnaround, submit → decision, in hours, from the histogram (±9 %); null without decisions */
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
  const [rows, histograms] = await Promise.all([
    db.$queryRaw<{ committeeId: string; committeeName: string; month: Date; drafted: number; submitted: number; published: number; sentBack: number; publishedChars: bigint }[]>`
      SELECT m."committeeId", m."month", c."name" AS "committeeName", sum(m."drafted")::int AS drafted, sum(m."submitted")::int AS submitted,
        sum(m."published")::int AS published, sum(m."sentBack")::int AS "sentBack", sum(m."publishedChars")::bigint AS "publishedChars"
      FROM "StatsMonthly" m JOIN "Committee" c ON c."id" = m."committeeId"
      WHERE m."month" BETWEEN ${firstDay(range.from)}::date AND ${firstDay(range.to)}::date AND ${scopeSql(scope, Prisma.sql`m."committeeId"`)}
      GROUP BY m."committeeId", m."month", c."name", c."sortOrder"
      ORDER BY m."month" DESC, c."sortOrder", c."name"`,
    turnaroundHistograms(db, scope, range, Prisma.sql`"committeeId", to_char("month", 'YYYY-MM')`),
  ]);
  return rows.map((r) => {
    const month = r.month.toISOString().slice(0, 7);
    return {
      committeeId: r.committeeId,
      committeeName: r.committeeName,
      month,
      drafted: r.drafted,
      submitted: r.submitted,
      published: r.published,
      sentBack: r.sentBack,
      publishedChars: Number(r.publishedChars),
      ...turnaroundOf(histograms.get(`${r.committeeId}|${month}`)),
    };
  });
}

/** Sums the turnaround histograms of the range, grouped by `key` (two columns), bucket by bucket. */
async function turnaroundHistograms(db: PrismaClient, scope: StatsScope, range: MonthRange, key: Prisma.Sql): Promise<Map<string, [number, number][]>> {
  const rows = await db.$queryRaw<{ k1: string; k2: string; bucket: number; count: number }[]>`
    SELECT k1, k2, "bucket", sum("count")::int AS "count" FROM (
      SELECT ${key} , "bucket", "count" FROM "StatsTurnaround"
      WHERE "month" BETWEEN ${firstDay(range.from)}::date AND ${firstDay(range.to)}::date AND ${scopeSql(scope, Prisma.sql`"committeeId"`)}
    ) AS t(k1, k2, "bucket", "count")
    GROUP BY 1, 2, 3`;
  const map = new Map<string, [number, number][]>();
  for (const r of rows) {
    const k = `${r.k1}|${r.k2}`;
    if (!map.has(k)) map.set(k, []);
    map.get(k)!.push([r.bucket, r.count]);
  }
  return map;
}

function turnaroundOf(histogram: [number, number][] | undefined): { decisions: number; medianHours: number | null; p90Hours: number | null } {
  if (!histogram) return { decisions: 0, medianHours: null, p90Hours: null };
  return {
    decisions: histogram.reduce((a, [, n]) => a + n, 0),
    medianHours: hours(histogramPercentile(histogram, 0.5)),
    p90Hours: hours(histogramPercentile(histogram, 0.9)),
  };
}

/** Per editor (the reports' author) and committee over the whole range. */
export async function statsByEditor(db: PrismaClient, scope: StatsScope, range: MonthRange): Promise<EditorRow[]> {
  const [rows, histograms] = await Promise.all([
    db.$queryRaw<{ committeeId: string; committeeName: string; authorId: string; authorName: string | null; drafted: number; submitted: number; published: number; sentBack: number; publishedChars: bigint }[]>`
      SELECT m."committeeId", m."authorId", c."name" AS "committeeName", u."displayName" AS "authorName",
        sum(m."drafted")::int AS drafted, sum(m."submitted")::int AS submitted, sum(m."published")::int AS published,
        sum(m."sentBack")::int AS "sentBack", sum(m."publishedChars")::bigint AS "publishedChars"
      FROM "StatsMonthly" m JOIN "Committee" c ON c."id" = m."committeeId" LEFT JOIN "User" u ON u."id" = m."authorId"
      WHERE m."month" BETWEEN ${firstDay(range.from)}::date AND ${firstDay(range.to)}::date AND ${scopeSql(scope, Prisma.sql`m."committeeId"`)}
      GROUP BY m."committeeId", m."authorId", c."name", c."sortOrder", u."displayName"
      ORDER BY c."sortOrder", c."name", published DESC, u."displayName"`,
    turnaroundHistograms(db, scope, range, Prisma.sql`"committeeId", "authorId"`),
  ]);
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
    ...turnaroundOf(histograms.get(`${r.committeeId}|${r.authorId}`)),
  }));
}
