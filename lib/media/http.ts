// The HTTP side of media, kept out of the route files so tests drive it with a real database
// and store: app/api/media/** only add the session and the process-wide store.
import { Readable } from "node:stream";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/reports/rules/permissions";
import { format } from "@/lib/i18n";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";
import { assertMay, deleteMedia, listMedia, updateMedia, uploadMedia } from "./commands/media";
import { MediaRefusal, withStore } from "./errors";
import { maxUploadBytes } from "./limits";
import type { MediaStore } from "./storage";
import { isVariantKey } from "./variants";

export interface MediaDeps {
  db: Db;
  store: MediaStore;
  /** Null when signed out. */
  actor: Actor | null;
  maxBytes?: number;
  maxPixels?: number;
}

function refusal(error: MediaRefusal): Response {
  return Response.json({ error: error.message, code: error.code }, { status: error.status });
}

/** Turns refusals into their 4xx answer; anything else is a bug and is rethrown (500). */
async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MediaRefusal) return refusal(error);
    throw error;
  }
}

function tooLarge(maxBytes: number): MediaRefusal {
  return new MediaRefusal("too_large", format(t.errors.tooLarge, { limit: Math.floor(maxBytes / 1024 / 1024) }), 413);
}

/**
 * Reads a request body up to `maxBytes`, stopping (and cancelling the upload) as soon as it
 * goes beyond, so an enormous body is never held in memory.
 */
export async function readCapped(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw new MediaRefusal("no_file", t.errors.noFile, 400);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}

/**
 * POST /api/media?committeeId=… with the image file as the raw body (what XMLHttpRequest
 * sends for a File, with upload progress). 201 { media, reused } or a 4xx with `error` in
 * Chinese; nothing is stored on a refusal.
 */
export async function handleUpload(request: Request, deps: MediaDeps): Promise<Response> {
  return answer(async () => {
    if (!deps.actor) throw new MediaRefusal("SIGNED_OUT", t.errors.signedOut, 401);
    const committeeId = new URL(request.url).searchParams.get("committeeId") ?? "";
    if (!committeeId) throw new MediaRefusal("NO_COMMITTEE", t.errors.noCommittee, 400);
    const contentType = request.headers.get("content-type") ?? "";
    if (contentType.startsWith("multipart/")) throw new MediaRefusal("bad_request", t.errors.badRequest, 415);
    // Who may upload is known before the body: a stranger's 20 MB are never read.
    const committee = await deps.db.committee.findUnique({ where: { id: committeeId }, select: { id: true } });
    if (!committee) throw new MediaRefusal("NO_COMMITTEE", t.errors.noCommittee, 400);
    assertMay(deps.actor, "upload", committeeId);
    const maxBytes = deps.maxBytes ?? maxUploadBytes();
    const bytes = await readCapped(request, maxBytes);
    if (bytes.length === 0) throw new MediaRefusal("no_file", t.errors.noFile, 400);
    const result = await uploadMedia({
      db: deps.db,
      store: deps.store,
      actor: deps.actor,
      committeeId,
      bytes,
      limits: { maxBytes, ...(deps.maxPixels ? { maxPixels: deps.maxPixels } : {}) },
    });
    return Response.json(result, { status: result.reused ? 200 : 201 });
  });
}

/** GET /api/media?committeeId=…&q=…&from=…&to=… : a committee's library. */
export async function handleList(request: Request, deps: MediaDeps): Promise<Response> {
  return answer(async () => {
    if (!deps.actor) throw new MediaRefusal("SIGNED_OUT", t.errors.signedOut, 401);
    const params = new URL(request.url).searchParams;
    const committeeId = params.get("committeeId") ?? "";
    if (!committeeId) throw new MediaRefusal("NO_COMMITTEE", t.errors.noCommittee, 400);
    const items = await listMedia(deps.db, deps.actor, {
      committeeId,
      text: params.get("q") ?? undefined,
      from: params.get("from") ?? undefined,
      to: params.get("to") ?? undefined,
    });
    return Response.json({ items }, { headers: { "cache-control": "private, no-store" } });
  });
}

/** PATCH /api/media/<id> { alt?, caption?, credit? } */
export async function handleUpdate(request: Request, id: string, deps: MediaDeps): Promise<Response> {
  return answer(async () => {
    if (!deps.actor) throw new MediaRefusal("SIGNED_OUT", t.errors.signedOut, 401);
    let input: unknown;
    try {
      input = await request.json();
    } catch {
      throw new MediaRefusal("bad_request", t.errors.badRequest, 400);
    }
    const record = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
    const text = (key: string) => (typeof record[key] === "string" ? (record[key] as string) : undefined);
    const media = await updateMedia(deps.db, deps.actor, id, { alt: text("alt"), caption: text("caption"), credit: text("credit") });
    return Response.json({ media });
  });
}

/** DELETE /api/media/<id>: 204, or 409 naming the reports that use it. */
export async function handleDelete(id: string, deps: MediaDeps): Promise<Response> {
  return answer(async () => {
    if (!deps.actor) throw new MediaRefusal("SIGNED_OUT", t.errors.signedOut, 401);
    await deleteMedia({ db: deps.db, store: deps.store, actor: deps.actor, id });
    return new Response(null, { status: 204 });
  });
}

/**
 * GET /media/<key>: a rendition. Public, by design: names are the sha256 of the uploaded
 * file, unguessable without the file itself, and what a name shows never changes, so the
 * browser, nginx and Varnish may keep it for a year.
 */
export async function serveMedia(key: string, store: MediaStore, method: "GET" | "HEAD" = "GET"): Promise<Response> {
  if (!isVariantKey(key)) return new Response("找不到该图片", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  let object: Awaited<ReturnType<MediaStore["get"]>>;
  try {
    object = await withStore(() => store.get(key), t.errors.storeUnavailableServe);
  } catch (error) {
    if (!(error instanceof MediaRefusal)) throw error;
    return new Response(error.message, { status: error.status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": "30" } });
  }
  if (!object) return new Response("找不到该图片", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  const headers = {
    "content-type": object.contentType,
    "content-length": String(object.size),
    "cache-control": "public, max-age=31536000, immutable",
    "x-content-type-options": "nosniff",
  };
  if (method === "HEAD") {
    object.body.destroy();
    return new Response(null, { headers });
  }
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, { headers });
}
