import crypto from "node:crypto";
import { internalRevalidateToken } from "@/lib/public/changes";
import { revalidatePublicPages } from "@/lib/reports/revalidate";

export const dynamic = "force-dynamic";

/**
 * Called on this machine only: by the front server when a change is announced (lib/front/) and
 * by the scheduler after publishing due reports (lib/reports/scheduler.ts).
 */
export async function POST(request: Request) {
  const given = Buffer.from(request.headers.get("x-revalidate-token") ?? "");
  const expected = Buffer.from(internalRevalidateToken());
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return new Response(null, { status: 403 });
  }
  revalidatePublicPages();
  return new Response(null, { status: 204 });
}
