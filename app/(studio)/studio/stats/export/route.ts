import { getDb } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/session";
import { statsScope } from "@/lib/stats/access";
import { parseMonthRange, statsByCommitteeMonth, statsByEditor } from "@/lib/stats/query";
import { statsCsv, statsXlsx } from "@/lib/stats/export";
import { statsMessages as t } from "@/lib/i18n/stats.zh-CN";

export const dynamic = "force-dynamic";

const refuse = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** GET /studio/stats/export?format=csv|xlsx&from=YYYY-MM&to=YYYY-MM */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return refuse(401, "请先登录");
  const scope = statsScope(user);
  if (!scope) return refuse(403, t.forbidden);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const range = parseMonthRange(params);
  if (!range) return refuse(400, t.invalidRange);
  const format = params.format === "xlsx" ? "xlsx" : params.format === "csv" || !params.format ? "csv" : null;
  if (!format) return refuse(400, "导出格式只能是 csv 或 xlsx");
  const db = getDb();
  const [byCommittee, byEditor] = await Promise.all([statsByCommitteeMonth(db, scope, range), statsByEditor(db, scope, range)]);
  const name = `报送统计-${range.from}-${range.to}.${format}`;
  const headers = {
    "content-disposition": `attachment; filename="stats-${range.from}-${range.to}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "cache-control": "private, no-store",
  };
  if (format === "csv") return new Response(statsCsv(byCommittee, byEditor), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  const body = await statsXlsx(byCommittee, byEditor);
  return new Response(body as BodyInit, {
    headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
