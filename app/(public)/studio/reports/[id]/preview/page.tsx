import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getSessionUser, requireSessionUser } from "@/lib/auth/session";
import { format, messages } from "@/lib/i18n";
import { previewMessages as t } from "@/lib/i18n/preview.zh-CN";
import { loadStudioPreview } from "@/lib/preview/queries";
import { getReportForStudio } from "@/lib/reports/queries/studio";
import { ReportArticle } from "@/components/report/report-article";
import { PreviewBanner } from "@/components/report/preview-banner";

// In the (public) group on purpose: the preview must wear the public layout (header with 大字 and
// 高对比度, footer, print rules), not the back office's. It lives under /studio, which no cache
// (front server, Varnish) ever keeps, and checks the session itself as every studio page does.
export const dynamic = "force-dynamic";
const robots: Metadata["robots"] = { index: false, follow: false };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ mode?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getSessionUser();
  const report = user && (await getReportForStudio(user, (await params).id));
  return { title: report ? format(t.pageTitle, { title: report.title }) : "预览", robots };
}

export default async function StudioPreviewPage({ params, searchParams }: Props) {
  const user = await requireSessionUser();
  const { id } = await params;
  const mode = (await searchParams).mode === "live" ? "live" : "working";
  const preview = await loadStudioPreview(user, id, mode);
  // Same answer for "no such id" and "another committee's report".
  if (!preview) notFound();
  const status = format(t.currentStatus, { status: messages.status[preview.status] });
  const tab = "rounded border border-rule px-2 py-1 aria-[current=page]:bg-brand aria-[current=page]:text-white";
  return (
    <>
      <PreviewBanner
        title={mode === "live" ? t.liveBanner : preview.status === "PUBLISHED" ? t.bannerPublished : t.banner}
        lines={[status]}
      >
        <div className="mt-2 flex flex-wrap items-center gap-2">
          {preview.hasLiveEdition && (
            <nav aria-label={t.modes} className="flex gap-2">
              <Link href={`/studio/reports/${id}/preview`} aria-current={mode === "working" ? "page" : undefined} className={tab}>
                {t.modeWorking}
              </Link>
              <Link href={`/studio/reports/${id}/preview?mode=live`} aria-current={mode === "live" ? "page" : undefined} className={tab}>
                {t.modeLive}
              </Link>
            </nav>
          )}
          <Link href={`/studio/reports/${id}`} className="ml-auto text-brand underline">
            {t.backToEditing}
          </Link>
        </div>
      </PreviewBanner>
      {preview.article ? <ReportArticle report={preview.article} /> : <p className="text-center text-muted">{t.noLiveEdition}</p>}
    </>
  );
}
