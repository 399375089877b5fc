import type { ReportStatus } from "@/lib/reports/rules/workflow";
import { messages } from "@/lib/i18n";

const COLORS: Record<ReportStatus, string> = {
  DRAFT: "bg-stone-100 text-stone-700",
  SUBMITTED: "bg-amber-100 text-amber-800",
  SCHEDULED: "bg-sky-100 text-sky-800",
  PUBLISHED: "bg-green-100 text-green-800",
  UNPUBLISHED: "bg-red-100 text-red-800",
};

export function StatusBadge({ status }: { status: ReportStatus }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${COLORS[status]}`}>{messages.status[status]}</span>;
}
