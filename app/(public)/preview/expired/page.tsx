import type { Metadata } from "next";
import { previewMessages as t } from "@/lib/i18n/preview.zh-CN";
import { PreviewLinkNotice } from "@/components/report/preview-banner";

export const metadata: Metadata = { title: t.expiredTitle, robots: { index: false, follow: false } };
// Rendered per request: proxy.ts fetches it and answers an expired link with it and status 410
// (a prerendered page, once revalidated, would be served with its own 200; see report-gone).
export const dynamic = "force-dynamic";

export default function PreviewLinkExpired() {
  return <PreviewLinkNotice title={t.expiredTitle} body={t.expiredBody} home={t.backHome} />;
}
