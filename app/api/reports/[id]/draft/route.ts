import { getSessionUser, passwordChangeRefusal } from "@/lib/auth/session";
import { CommandError } from "@/lib/reports/errors";
import { SaveConflictError, saveDraft } from "@/lib/reports/commands/save-draft";
import { format, messages } from "@/lib/i18n";
import { bytesFromEnv, readJsonBody } from "@/lib/http/body";

/**
 * The largest autosave accepted, in bytes (DRAFT_MAX_BYTES, default 5 MB): the body JSON may be
 * up to 2 MB (lib/content/validate.ts) plus the fields, so real saves stay far below it.
 */
const maxBytes = () => bytesFromEnv(process.env.DRAFT_MAX_BYTES, 5 * 1024 * 1024);

/** PostgreSQL's refusal of a NUL byte (22021) or a bad \u escape in jsonb (22P05). */
function isRefusedText(error: unknown): boolean {
  const text = `${(error as { message?: unknown })?.message ?? ""} ${JSON.stringify((error as { cause?: unknown })?.cause ?? "")}`;
  return /22021|22P05|invalid byte sequence|unsupported Unicode escape/i.test(text);
}

export const dynamic = "force-dynamic";

/**
 * Autosave of the editor. An HTTP endpoint rather than a server action so the page can still
 * save with `fetch(…, { keepalive: true })` while it is being closed.
 *   200 { version, charCount, savedAt }
 *   409 { error, conflict?: ServerCopy }   the save was based on an older version
 *   422 { error, fieldErrors }             the input is refused; nothing was written
 *   401 / 404                              signed out / no such report for this person
 *   413 { error }                          the body is larger than DRAFT_MAX_BYTES; refused unread
 */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getSessionUser();
  if (!actor) return Response.json({ error: messages.auth.sessionEnded }, { status: 401 });
  const blocked = passwordChangeRefusal(actor);
  if (blocked) return blocked;
  const limit = maxBytes();
  const body = await readJsonBody(request, limit);
  if (!body.ok && body.reason === "too_large") {
    return Response.json({ error: format(messages.errors.bodyTooLarge, { mb: (limit / 1024 / 1024).toFixed(0) }) }, { status: 413 });
  }
  if (!body.ok) return Response.json({ error: "请求格式不正确" }, { status: 400 });
  const input = body.value;
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
    // A last line behind the validators: text PostgreSQL cannot store is the input's fault, and
    // a 500 would make the editor retry the same save forever.
    if (isRefusedText(error)) return Response.json({ error: messages.errors.unsafeText }, { status: 422 });
    throw error;
  }
}
