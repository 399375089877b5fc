import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { loadWorkspace } from "@/lib/reports/queries/workspace";
import { messages } from "@/lib/i18n";
import { ReportWorkspace } from "@/components/studio/report-workspace";

export const metadata: Metadata = { title: messages.studio.reportTitle };
export const dynamic = "force-dynamic";

export default async function StudioReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireSessionUser();
  const workspace = await loadWorkspace(user, (await params).id);
  // Same answer for "no such id" and "another committee's report".
  if (!workspace) notFound();
  const { report } = workspace;
  // A new server state (after submit, approve …) remounts the workspace with fresh data.
  return <ReportWorkspace key={`${report.id}:${report.status}:${report.version}`} {...workspace} />;
}
