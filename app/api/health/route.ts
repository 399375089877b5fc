import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** For load balancers and compose health checks: 200 when the database answers. */
export async function GET() {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "ok" });
  } catch {
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
