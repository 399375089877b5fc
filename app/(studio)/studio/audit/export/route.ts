import { getDb } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/session";
import { canViewAuditLog } from "@/lib/audit/access";
import { allAuditEvents, parseAuditFilter } from "@/lib/audit/query";
import { CSV_BOM, csvLine } from "@/lib/audit/csv";
import { auditMessages as t } from "@/lib/i18n/audit.zh-CN";
import { formatDateTime } from "@/lib/format";

export const dynamic = "force-dynamic";

const refuse = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** GET /studio/audit/export?<the viewer's filters> — every matching row as CSV, streamed. */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return refuse(401, "请先登录");
  if (!canViewAuditLog(user)) return refuse(403, t.forbidden);
  const filter = parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter) return refuse(400, t.invalidFilter);
  const { before: _ignored, ...all } = filter;
  void _ignored;
  const db = getDb();
  const encoder = new TextEncoder();
  const pages = allAuditEvents(db, all);
  const c = t.columns;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvLine([c.sequence, c.time, c.actor, c.action, "action", "targetType", "targetId", c.committee, c.detail, c.hash])));
    },
    async pull(controller) {
      const next = await pages.next();
      if (next.done) return controller.close();
      const text = next.value
        .map((r) =>
          csvLine([r.sequence, formatDateTime(r.createdAt), r.actorName ?? t.system, t.actions[r.action] ?? r.action, r.action, r.targetType, r.targetId, r.committeeName, JSON.stringify(r.detail), r.hash]),
        )
        .join("");
      controller.enqueue(encoder.encode(text));
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`审计日志-${day}.csv`)}`,
      "cache-control": "private, no-store",
    },
  });
}
