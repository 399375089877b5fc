import { getSessionUser } from "@/lib/auth/session";
import { CommandError } from "@/lib/reports/errors";
import { SaveConflictError, saveDraft } from "@/lib/reports/commands/save-draft";
import { messages } from "@/lib/i18n";

export const dynamic = "force-dynamic";

/**
 * Autosave of the editor. An HTTP endpoint rather than a server action so the page can still
 * save with `fetch(…, { keepalive: true })` while it is being closed.
 *   200 { version, charCount, savedAt }
 *   409 { error, conflict?: ServerCopy }   the save was based on an older version
 *   422 { error, fieldErrors }             the input is refused; nothing was written
 *   401 / 404                              signed out / no such report for this person
 */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getSessionUser();
  if (!actor) return Response.json({ error: messages.auth.sessionEnded }, { status: 401 });
  let input: unknown;
  try {
    input = await request.json();
  } catch {
    return Response.json({ error: "请求格式不正确" }, { status: 400 });
  }
  try {
    const result = await saveDraft({ actor, reportId: (await params).id, input: input as never });
    return Response.json({ ...result, savedAt: result.savedAt.toISOString() });
  } catch (error) {
    if (error instanceof SaveConflictError) {
      return Response.json({ error: error.message, conflict: error.current }, { status: 409 });
    }
    if (error instanceof CommandError) {
      return Response.json({ error: error.message, code: error.code, fieldErrors: error.fieldErrors }, { status: error.status });
    }
    throw error;
  }
}
