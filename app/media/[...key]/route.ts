import { serveMedia } from "@/lib/media/http";
import { getMediaStore } from "@/lib/media/storage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ key: string[] }> };

/** Renditions under content-hashed names, public and immutable (see serveMedia). */
export async function GET(_request: Request, { params }: Params) {
  return serveMedia((await params).key.join("/"), getMediaStore());
}

export async function HEAD(_request: Request, { params }: Params) {
  return serveMedia((await params).key.join("/"), getMediaStore(), "HEAD");
}
