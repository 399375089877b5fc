import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { canViewAuditLog } from "@/lib/audit/access";
import { auditActions, listAuditEvents, parseAuditFilter, type AuditFilter } from "@/lib/audit/query";
import { auditMessages as t } from "@/lib/i18n/audit.zh-CN";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: t.title };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;

function query(filter: AuditFilter, extra: Record<string, string | undefined> = {}): string {
  const entries = Object.entries({ ...filter, before: undefined, ...extra }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "");
  return new URLSearchParams(entries).toString();
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireSessionUser();
  if (!canViewAuditLog(user)) forbidden();
  const filter: AuditFilter = parseAuditFilter(await searchParams) ?? {};
  const db = getDb();
  const [{ rows, nextBefore }, actions, committees] = await Promise.all([
    listAuditEvents(db, filter),
    auditActions(db),
    db.committee.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
  ]);
  const label = (action: string) => t.actions[action] ?? action;
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-bold">{t.title}</h1>
        <a href={`/studio/audit/export?${query(filter)}`} className="rounded border border-rule bg-white px-3 py-1 text-sm hover:bg-stone-100" data-testid="audit-export" download>
          {t.exportCsv}
        </a>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-rule bg-white p-3 text-sm" aria-label={t.filters}>
        <label className="flex flex-col gap-1">
          {t.person}
          <input name="person" defaultValue={filter.person ?? ""} className="rounded border border-rule px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1">
          {t.committee}
          <select name="committee" defaultValue={filter.committee ?? ""} className="rounded border border-rule px-2 py-1">
            <option value="">{t.any}</option>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t.action}
          <select name="action" defaultValue={filter.action ?? ""} className="rounded border border-rule px-2 py-1">
            <option value="">{t.any}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {label(a)}（{a}）
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t.from}
          <input type="date" name="from" defaultValue={filter.from ?? ""} className="rounded border border-rule px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1">
          {t.to}
          <input type="date" name="to" defaultValue={filter.to ?? ""} className="rounded border border-rule px-2 py-1" />
        </label>
        <button type="submit" className="rounded bg-brand px-3 py-1 text-white">
          {t.apply}
        </button>
        <Link href="/studio/audit" className="text-muted hover:underline">
          {t.reset}
        </Link>
      </form>
      {rows.length === 0 ? (
        <p className="text-muted">{t.empty}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-rule bg-white">
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <thead className="bg-stone-50 text-xs text-muted">
              <tr>
                <th className="px-3 py-2">{t.columns.sequence}</th>
                <th className="px-3 py-2">{t.columns.time}</th>
                <th className="px-3 py-2">{t.columns.actor}</th>
                <th className="px-3 py-2">{t.columns.action}</th>
                <th className="px-3 py-2">{t.columns.target}</th>
                <th className="px-3 py-2">{t.columns.committee}</th>
                <th className="px-3 py-2">{t.columns.detail}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-rule">
              {rows.map((r) => (
                <tr key={r.id} data-action={r.action}>
                  <td className="px-3 py-2 tabular-nums">{String(r.sequence)}</td>
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.createdAt)}</td>
                  <td className="px-3 py-2">{r.actorName ?? t.system}</td>
                  <td className="px-3 py-2">{label(r.action)}</td>
                  <td className="px-3 py-2 text-xs text-muted">
                    {r.targetType} {r.targetId}
                  </td>
                  <td className="px-3 py-2">{r.committeeName ?? ""}</td>
                  <td className="max-w-xs truncate px-3 py-2 font-mono text-xs" title={JSON.stringify(r.detail)}>
                    {JSON.stringify(r.detail)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex gap-4 text-sm">
        {filter.before && (
          <Link href={`/studio/audit?${query(filter)}`} className="hover:underline">
            {t.first}
          </Link>
        )}
        {nextBefore && (
          <Link href={`/studio/audit?${query(filter, { before: nextBefore })}`} className="hover:underline" data-testid="audit-next">
            {t.next}
          </Link>
        )}
      </div>
    </div>
  );
}
