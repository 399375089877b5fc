import type { Metadata } from "next";
import Link from "next/link";
import { requireSessionUser } from "@/lib/auth/session";
import { listCommitteesForStudio, listReportsForStudio } from "@/lib/reports/queries/studio";
import { roleIn } from "@/lib/reports/rules/permissions";
import { REPORT_STATUSES } from "@/lib/reports/rules/workflow";
import { formatDateTime } from "@/lib/format";
import { format, messages } from "@/lib/i18n";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: messages.studio.title };
export const dynamic = "force-dynamic";

export default async function StudioHome() {
  const user = await requireSessionUser();
  const [committees, reports] = await Promise.all([listCommitteesForStudio(user), listReportsForStudio(user)]);
  const t = messages.studio;

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{format(t.welcome, { name: user.displayName })}</h1>

      <section aria-labelledby="committees-heading">
        <h2 id="committees-heading" className="mb-3 text-lg font-bold">
          {t.myCommittees}
        </h2>
        {user.isAdmin && <p className="mb-3 text-sm text-muted">{t.adminNote}</p>}
        {committees.length === 0 && user.isAdmin ? (
          <p className="text-muted" data-testid="no-committees">
            {t.noCommitteesYet}{" "}
            <Link href="/studio/admin/committees" className="text-brand underline">
              {t.createFirstCommittee}
            </Link>
          </p>
        ) : committees.length === 0 ? (
          <p className="text-muted" data-testid="no-committees">
            {t.noCommittees}
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="my-committees">
            {committees.map((c) => {
              const role = roleIn(user, c.id);
              return (
                <li key={c.id} className="rounded-lg border border-rule bg-white p-4" data-committee={c.slug}>
                  <p className="font-medium">{c.name}</p>
                  <p className="mt-1 text-sm text-muted" data-testid="role">
                    {role ? messages.role[role] : messages.role.ADMIN}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading" className="mb-3 text-lg font-bold">
          {t.reportsByStatus}
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          {REPORT_STATUSES.map((status) => {
            const inStatus = reports.filter((r) => r.status === status);
            return (
              <div key={status} className="rounded-lg border border-rule bg-white" data-status={status}>
                <h3 className="flex items-center justify-between border-b border-rule px-4 py-2 font-medium">
                  <StatusBadge status={status} />
                  <span className="text-sm text-muted">{inStatus.length}</span>
                </h3>
                {inStatus.length === 0 ? (
                  <p className="px-4 py-3 text-sm text-muted">{t.noReportsInStatus}</p>
                ) : (
                  <ul className="divide-y divide-rule">
                    {inStatus.map((r) => (
                      <li key={r.id} className="px-4 py-3">
                        <Link href={`/studio/reports/${r.id}`} className="font-medium hover:text-brand hover:underline">
                          {r.title}
                        </Link>
                        <p className="mt-1 text-xs text-muted">
                          {r.committee.city} · {r.author.displayName} · {format(t.updatedAt, { time: formatDateTime(r.updatedAt) })}
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      </section>
    </div>
  );
}
