import "server-only";
import { getSessionUser } from "@/lib/auth/session";
import { format, messages } from "@/lib/i18n";
import { importMessages as t } from "@/lib/i18n/import.zh-CN";
import { MAX_IMPORT_BYTES, type ImportResult } from "@/lib/content/import";
import { renderContent } from "@/lib/content/render";
import { getMediaStore } from "@/lib/media/storage";
import { previewImageCheck } from "@/lib/media/commands/import-images";
import { CommandError } from "./errors";
import { importedFields, importFileAsReport, readImport } from "./commands/import-report";

/** The form's own fields besides the file; a little room over the file limit for them. */
const MAX_REQUEST_BYTES = MAX_IMPORT_BYTES + 256 * 1024;

function refuse(message: string, status: number): Response {
  return Response.json({ error: message }, { status });
}

/** Reads at most `max` bytes of the body, counting while streaming (Content-Length may lie). */
async function readBounded(request: Request, max: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export interface ImportPreview {
  format: ImportResult["format"];
  fields: Record<string, string>;
  html: string;
  warnings: string[];
  figures: ImportResult["figures"];
}

/**
 * POST multipart form: `committeeId`, `mode` (preview | create), and `file` or `text`.
 * preview → 200 ImportPreview (nothing stored: the photos of a .docx are checked like uploads,
 * so refusals show as warnings, and stored only by create); create → 200 { id, … }. Every refusal is a
 * Chinese message with a 4xx: 401 signed out, 413 too large, 422 a file the importer refuses,
 * 403 not a member of the committee.
 */
export async function handleImportRequest(request: Request): Promise<Response> {
  // /api is outside proxy.ts's cross-origin check: a form posted from another site is refused here.
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && safeHost(origin) !== host) return refuse("请求来源不正确", 403);
  const actor = await getSessionUser();
  if (!actor) return refuse(messages.auth.sessionEnded, 401);
  const tooLarge = format(t.tooLarge, { mb: MAX_IMPORT_BYTES / 1024 / 1024 });
  const body = await readBounded(request, MAX_REQUEST_BYTES);
  if (body === null) return refuse(tooLarge, 413);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return refuse(t.badRequest, 400);
  }
  const mode = form.get("mode") === "create" ? "create" : "preview";
  const committeeId = String(form.get("committeeId") ?? "");
  const file = form.get("file");
  const pasted = form.get("text");
  let bytes: Uint8Array;
  let fileName: string | undefined;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_IMPORT_BYTES) return refuse(tooLarge, 413);
    bytes = new Uint8Array(await file.arrayBuffer());
    fileName = file.name;
  } else if (typeof pasted === "string" && pasted.trim() !== "") {
    bytes = Buffer.from(pasted, "utf8");
    fileName = "pasted.txt";
  } else {
    return refuse(t.nothingChosen, 422);
  }

  try {
    if (mode === "preview") {
      // The preview checks the photos but stores none; they are stored when the draft is created.
      const imported = await readImport(bytes, { fileName, storeImage: previewImageCheck() });
      const { fields, content, warnings } = importedFields(imported);
      const preview: ImportPreview = { format: imported.format, fields, html: renderContent(content).html, warnings, figures: imported.figures };
      return Response.json(preview);
    }
    const { imported, ...created } = await importFileAsReport({ actor, committeeId, bytes, fileName, store: getMediaStore() });
    return Response.json({ ...created, figures: imported.figures });
  } catch (error) {
    if (error instanceof CommandError) return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: error.status });
    throw error;
  }
}
