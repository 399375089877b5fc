import { previewMessages as t } from "@/lib/i18n/preview.zh-CN";
import { PreviewLinkNotice } from "@/components/report/preview-banner";

/** A tampered or malformed link, or one whose report no longer exists (status 404). */
export default function PreviewLinkInvalid() {
  return <PreviewLinkNotice title={t.invalidTitle} body={t.invalidBody} home={t.backHome} />;
}
