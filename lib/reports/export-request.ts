import "server-only";
import { getSessionUser, passwordChangeRefusal } from "@/lib/auth/session";
import { messages } from "@/lib/i18n";
import { exportReportDocx } from "@/lib/content/export/docx";
import { getDb } from "@/lib/db";
import { figureBytesFromLibrary } from "@/lib/media/export-figures";
import { MediaRefusal } from "@/lib/media/errors";
import { getMediaStore } from "@/lib/media/storage";
import type { TiptapDoc } from "@/lib/content/validate";
import { getReportForStudio } from "./queries/studio";

/**
 * GET /studio/reports/<id>/export.docx: the working edition as a Word document, for anyone
 * who may view the report (permissions.ts "view", checked by getReportForStudio). A report
 * the person may not see is 404, like a missing one.
 */
export async function handleExportRequest(id: string): Promise<Response> {
  const actor = await getSessionUser();
  if (!actor) return new Response(messages.auth.sessionEnded, { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  const blocked = passwordChangeRefusal(actor);
  if (blocked) return blocked;
  const report = await getReportForStudio(actor, id);
  if (!report) return new Response("稿件不存在或您无权查看", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  let buffer: Buffer;
  try {
    buffer = await exportReportDocx(
      {
        kicker: report.kicker,
        title: report.title,
        subtitle: report.subtitle,
        byline: report.byline,
        source: report.source,
        originalTitle: report.originalTitle,
        responsibleEditor: report.responsibleEditor,
        issueDate: report.issueDate ? report.issueDate.toISOString().slice(0, 10) : null,
      },
      report.content as TiptapDoc,
      { figureBytes: figureBytesFromLibrary({ db: getDb(), store: getMediaStore(), committeeId: report.committeeId }) },
    );
  } catch (error) {
    if (!(error instanceof MediaRefusal)) throw error;
    return new Response(error.message, { status: error.status, headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "30" } });
  }
  const name = `${report.title.replace(/[\\/:*?"<>|\r\n]+/gu, " ").trim() || "稿件"}.docx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "content-disposition": `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "cache-control": "private, no-store",
    },
  });
}
