import Link from "next/link";
import type { ReportStatus } from "@/lib/reports/rules/workflow";
import { formatDateTime } from "@/lib/format";
import { StatusBadge } from "@/components/ui/status-badge";

export interface ReportListItem {
  id: string;
  title: string;
  status: ReportStatus;
  updatedAt: Date;
  charCount: number;
  author: { displayName: string };
  committee: { city: string };
  note?: string;
}

export function ReportList({ reports, empty }: { reports: ReportListItem[]; empty: string }) {
  if (reports.length === 0) return <p className="rounded-lg border border-rule bg-white p-4 text-muted">{empty}</p>;
  return (
    <ul className="divide-y divide-rule rounded-lg border border-rule bg-white" data-testid="report-list">
      {reports.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
          <StatusBadge status={r.status} />
          <Link href={`/studio/reports/${r.id}`} className="min-w-0 flex-1 font-medium hover:text-brand hover:underline">
            {r.title}
          </Link>
          <span className="text-xs text-muted">
            {r.committee.city} · {r.author.displayName} · {r.charCount} 字 · {formatDateTime(r.updatedAt)}
            {r.note && ` · ${r.note}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
