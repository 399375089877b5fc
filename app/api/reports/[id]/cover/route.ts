import { getSessionUser, passwordChangeRefusal } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { setReportCover } from "@/lib/media/commands/cover";
import { MediaRefusal } from "@/lib/media/errors";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";

export const dynamic = "force-dynamic";

/** PUT { mediaId: string | null }: the report's cover image. 200 { media } or a 4xx in Chinese. */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getSessionUser();
  if (!actor) return Response.json({ error: t.errors.signedOut }, { status: 401 });
  const blocked = passwordChangeRefusal(actor);
  if (blocked) return blocked;
  const input = (await request.json().catch(() => null)) as { mediaId?: unknown } | null;
  if (!input || (input.mediaId !== null && typeof input.mediaId !== "string")) return Response.json({ error: t.errors.badRequest }, { status: 400 });
  try {
    const media = await setReportCover({ db: getDb(), actor, reportId: (await params).id, mediaId: input.mediaId });
    return Response.json({ media });
  } catch (error) {
    if (error instanceof MediaRefusal) return Response.json({ error: error.message, code: error.code }, { status: error.status });
    throw error;
  }
}
