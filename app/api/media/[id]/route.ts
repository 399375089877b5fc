import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { handleDelete, handleUpdate } from "@/lib/media/http";
import { getMediaStore } from "@/lib/media/storage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ id: string }> };

/** Edit alt text, caption and credit. */
export async function PATCH(request: Request, { params }: Params) {
  return handleUpdate(request, (await params).id, { db: getDb(), store: getMediaStore(), actor: await getSessionUser() });
}

/** Delete, refused (409, naming the reports) while in use. */
export async function DELETE(_request: Request, { params }: Params) {
  return handleDelete((await params).id, { db: getDb(), store: getMediaStore(), actor: await getSessionUser() });
}
