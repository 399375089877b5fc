import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { statsScope } from "@/lib/stats/access";
import { parseMonthRange, statsByCommitteeMonth, statsByEditor, type CommitteeMonthRow } from "@/lib/stats/query";
import { statsMessages as t } from "@/lib/i18n/stats.zh-CN";
import { StatsChart, type StatsChartSeries } from "@/components/studio/stats-chart";

export const metadata: Metadata = { title: t.title };
export const dynamic = "force-dynamic";

const c = t.columns;
const num = (n: number | null) => (n === null ? "—" : n.toLocaleString("zh-CN"));

function chartOf(rows: CommitteeMonthRow[]): StatsChartSeries {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const sum = (m: string, key: "submitted" | "published" | "sentBack") => rows.filter((r) => r.month === m).reduce((a, r) => a + r[key], 0);
  return {
    months,
    series: [
      { name: c.submitted, data: months.map((m) => sum(m, "submitted")) },
      { name: c.published, data: months.map((m) => sum(m, "published")) },
      { name: c.sentBack, data: months.map((m) => sum(m, "sentBack")) },
    ],
  };
}

export default async function StatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireSessionUser();
  const scope = statsScope(user);
  if (!scope) forbidden();
  const range = parseMonthRange(await searchParams);
  const db = getDb();
  const [byCommittee, byEditor] = range ? await Promise.all([statsByCommitteeMonth(db, scope, range), statsByEditor(db, scope, range)]) : [[], []];
  const query = range ? new URLSearchParams({ from: range.from, to: range.to }).toString() : "";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-bold">{t.title}</h1>
        {range && (
          <div className="flex gap-2 text-sm">
            <a href={`/studio/stats/export?format=csv&${query}`} className="rounded border border-rule bg-white px-3 py-1 hover:bg-stone-100" data-testid="stats-export-csv" download>
              {t.exportCsv}
            </a>
            <a href={`/studio/stats/export?format=xlsx&${query}`} className="rounded border border-rule bg-white px-3 py-1 hover:bg-stone-100" data-testid="stats-export-xlsx" download>
              {t.exportXlsx}
            </a>
          </div>
        )}
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-rule bg-white p-3 text-sm">
        <label className="flex flex-col gap-1">
          {t.from}
          <input type="month" name="from" defaultValue={range?.from} className="rounded border border-rule px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1">
          {t.to}
          <input type="month" name="to" defaultValue={range?.to} className="rounded border border-rule px-2 py-1" />
        </label>
        <button type="submit" className="rounded bg-brand px-3 py-1 text-white">
          {t.apply}
        </button>
      </form>
      {!range ? (
        <p role="alert" className="text-red-700">
          {t.invalidRange}
        </p>
      ) : byCommittee.length === 0 ? (
        <p className="text-muted">{t.empty}</p>
      ) : (
        <>
          <StatsChart data={chartOf(byCommittee)} title={t.chartTitle} />
          <section className="space-y-2">
            <h2 className="font-bold">{t.byCommittee}</h2>
            <div className="overflow-x-auto rounded-lg border border-rule bg-white">
              <table className="w-full text-right text-sm" data-testid="stats-by-committee">
                <thead className="bg-stone-50 text-xs text-muted">
                  <tr>
                    {[c.committee, c.month, c.drafted, c.submitted, c.published, c.sentBack, c.publishedChars, c.median, c.p90].map((h, i) => (
                      <th key={h} className={`px-3 py-2 ${i < 2 ? "text-left" : ""}`}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-rule">
                  {byCommittee.map((r) => (
                    <tr key={`${r.committeeId}-${r.month}`} data-committee={r.committeeName} data-month={r.month}>
                      <td className="px-3 py-2 text-left">{r.committeeName}</td>
                      <td className="px-3 py-2 text-left">{r.month}</td>
                      <td className="px-3 py-2" data-col="drafted">{num(r.drafted)}</td>
                      <td className="px-3 py-2" data-col="submitted">{num(r.submitted)}</td>
                      <td className="px-3 py-2" data-col="published">{num(r.published)}</td>
                      <td className="px-3 py-2" data-col="sentBack">{num(r.sentBack)}</td>
                      <td className="px-3 py-2" data-col="publishedChars">{num(r.publishedChars)}</td>
                      <td className="px-3 py-2">{num(r.medianHours)}</td>
                      <td className="px-3 py-2">{num(r.p90Hours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="space-y-2">
            <h2 className="font-bold">{t.byEditor}</h2>
            <div className="overflow-x-auto rounded-lg border border-rule bg-white">
              <table className="w-full text-right text-sm" data-testid="stats-by-editor">
                <thead className="bg-stone-50 text-xs text-muted">
                  <tr>
                    {[c.committee, c.editor, c.drafted, c.submitted, c.published, c.sentBack, c.publishedChars, c.median, c.p90].map((h, i) => (
                      <th key={h} className={`px-3 py-2 ${i < 2 ? "text-left" : ""}`}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-rule">
                  {byEditor.map((r) => (
                    <tr key={`${r.committeeId}-${r.authorId}`}>
                      <td className="px-3 py-2 text-left">{r.committeeName}</td>
                      <td className="px-3 py-2 text-left">{r.authorName}</td>
                      <td className="px-3 py-2">{num(r.drafted)}</td>
                      <td className="px-3 py-2">{num(r.submitted)}</td>
                      <td className="px-3 py-2">{num(r.published)}</td>
                      <td className="px-3 py-2">{num(r.sentBack)}</td>
                      <td className="px-3 py-2">{num(r.publishedChars)}</td>
                      <td className="px-3 py-2">{num(r.medianHours)}</td>
                      <td className="px-3 py-2">{num(r.p90Hours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
