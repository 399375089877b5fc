import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { format } from "@/lib/i18n";
import { previewMessages as t } from "@/lib/i18n/preview.zh-CN";
import { formatDateTime } from "@/lib/format";
import { checkPreviewToken } from "@/lib/preview/links";
import { loadLinkPreview } from "@/lib/preview/queries";
import { ReportArticle } from "@/components/report/report-article";
import { PreviewBanner, PreviewLinkNotice } from "@/components/report/preview-banner";

// A signed preview link for a reader without an account. proxy.ts answers expired links with
// 410 and sets the no-index, no-store and no-referrer headers on every /preview/ response; this
// page answers tampered links and deleted reports with 404 (./not-found.tsx).
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "预览", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function PreviewLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const check = checkPreviewToken((await params).token);
  // proxy.ts has already turned expired links into a 410; this is only reached if it did not.
  if (!check.ok && check.reason === "expired") return <PreviewLinkNotice title={t.expiredTitle} body={t.expiredBody} home={t.backHome} />;
  if (!check.ok) notFound();
  const preview = await loadLinkPreview(check.reportId);
  if (!preview) notFound();
  return (
    <>
      <PreviewBanner title={format(t.linkBanner, { at: formatDateTime(check.expiresAt) })} lines={[t.linkNote]} />
      <ReportArticle report={preview.article} />
    </>
  );
}
