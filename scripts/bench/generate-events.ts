// Bulk reports with their workflow history for the statistics benchmark, written by PostgreSQL
// itself (INSERT … SELECT over generate_series: no rows cross the wire, faster than COPY from
// the client and no extra package). Bodies are empty: statistics read events, not text.
import { performance } from "node:perf_hooks";
import type { Db } from "../../lib/db/client";

export interface EventGenerateOptions {
  count: number;
  /** Spread over this many months back from now */
  months?: number;
  editorsPerCommittee?: number;
  log?: (line: string) => void;
}

/**
 * Each report: CREATE; 85 % SUBMIT (1–72 h later); of those, 25 % sent back (REQUEST_CHANGES
 * 1–96 h after) and resubmitted; 80 % of the submitted approved (APPROVE → PUBLISHED) 1–120 h
 * after their last submission, with a published revision's 字数 (no body: a Revision row with
 * only its charCount).
 */
export async function generateEvents(db: Db, options: EventGenerateOptions): Promise<{ seconds: number; events: number }> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const months = options.months ?? 24;
  const perCommittee = options.editorsPerCommittee ?? 8;
  const committees = await db.committee.findMany({ select: { id: true, slug: true } });
  // Editors for every committee, so the per-editor table has some width.
  for (const c of committees) {
    for (let i = 0; i < perCommittee; i++) {
      const username = `bench-${c.slug}-editor-${i}`;
      const user = await db.user.upsert({ where: { username }, update: {}, create: { username, displayName: `${c.slug} 编辑 ${i}`, passwordHash: "unused" } });
      await db.membership.upsert({ where: { userId_committeeId: { userId: user.id, committeeId: c.id } }, update: {}, create: { userId: user.id, committeeId: c.id, role: "EDITOR" } });
    }
  }
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_editors`);
  await db.$executeRawUnsafe(`
    CREATE UNLOGGED TABLE bench_editors AS
    SELECT row_number() OVER (ORDER BY m."committeeId", m."userId") - 1 AS n, m."committeeId", m."userId"
    FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.username LIKE 'bench-%'`);
  const editors = Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM bench_editors`))[0]!.n);

  const step = async (label: string, sql: string) => {
    const t = performance.now();
    const n = await db.$executeRawUnsafe(sql);
    log(`[stats] ${label}: ${n} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return n;
  };
  // Per report: its random draws, kept so every event of it agrees.
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_plan`);
  await step(
    "plan",
    `CREATE UNLOGGED TABLE bench_plan AS
     SELECT g AS n, 'bench' || g AS id,
       now() - (random() * ${months * 30} || ' days')::interval AS created,
       random() < 0.85 AS submitted, random() < 0.25 AS sent_back, random() < 0.80 AS approved,
       (1 + random() * 71) * interval '1 hour' AS to_submit,
       (1 + random() * 95) * interval '1 hour' AS to_sendback,
       (1 + random() * 119) * interval '1 hour' AS to_decide,
       (800 + random() * 4000)::int AS chars,
       (random() * ${editors - 1})::int AS editor
     FROM generate_series(1, ${options.count}) g`,
  );
  await step(
    "reports",
    `INSERT INTO "Report" ("id", "committeeId", "authorId", "status", "title", "content", "charCount", "createdAt", "updatedAt")
     SELECT p.id, e."committeeId", e."userId",
       (CASE WHEN p.submitted AND p.approved THEN 'PUBLISHED' WHEN p.submitted THEN 'SUBMITTED' ELSE 'DRAFT' END)::"ReportStatus",
       '统计基准稿件 ' || p.n, '{"type":"doc","content":[]}'::jsonb, p.chars, p.created, p.created
     FROM bench_plan p JOIN bench_editors e ON e.n = p.editor`,
  );
  let events = 0;
  events += await step("CREATE events", `INSERT INTO "WorkflowEvent" ("id", "reportId", "actorId", "action", "toStatus", "createdAt") SELECT p.id || '-c', p.id, r."authorId", 'CREATE', 'DRAFT', p.created FROM bench_plan p JOIN "Report" r ON r.id = p.id`);
  events += await step("SUBMIT events", `INSERT INTO "WorkflowEvent" ("id", "reportId", "actorId", "action", "fromStatus", "toStatus", "createdAt") SELECT p.id || '-s1', p.id, r."authorId", 'SUBMIT', 'DRAFT', 'SUBMITTED', p.created + p.to_submit FROM bench_plan p JOIN "Report" r ON r.id = p.id WHERE p.submitted`);
  events += await step("REQUEST_CHANGES events", `INSERT INTO "WorkflowEvent" ("id", "reportId", "action", "fromStatus", "toStatus", "comment", "createdAt") SELECT p.id || '-rc', p.id, 'REQUEST_CHANGES', 'SUBMITTED', 'DRAFT', '请修改', p.created + p.to_submit + p.to_sendback FROM bench_plan p WHERE p.submitted AND p.sent_back`);
  events += await step("second SUBMIT events", `INSERT INTO "WorkflowEvent" ("id", "reportId", "actorId", "action", "fromStatus", "toStatus", "createdAt") SELECT p.id || '-s2', p.id, r."authorId", 'SUBMIT', 'DRAFT', 'SUBMITTED', p.created + p.to_submit + p.to_sendback + interval '2 hours' FROM bench_plan p JOIN "Report" r ON r.id = p.id WHERE p.submitted AND p.sent_back`);
  await step(
    "published revisions",
    `INSERT INTO "Revision" ("id", "reportId", "number", "reason", "reportVersion", "title", "content", "html", "plainText", "charCount", "createdAt")
     SELECT p.id || '-rv', p.id, 1, 'PUBLISH', 1, '统计基准稿件', '{}'::jsonb, '', '', p.chars, p.created FROM bench_plan p WHERE p.submitted AND p.approved`,
  );
  events += await step(
    "APPROVE events",
    `INSERT INTO "WorkflowEvent" ("id", "reportId", "action", "fromStatus", "toStatus", "revisionId", "createdAt")
     SELECT p.id || '-a', p.id, 'APPROVE', 'SUBMITTED', 'PUBLISHED', p.id || '-rv',
       p.created + p.to_submit + CASE WHEN p.sent_back THEN p.to_sendback + interval '2 hours' ELSE interval '0' END + p.to_decide
     FROM bench_plan p WHERE p.submitted AND p.approved`,
  );
  await db.$executeRawUnsafe(`DROP TABLE bench_plan`);
  await db.$executeRawUnsafe(`DROP TABLE bench_editors`);
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Report"`);
  await db.$executeRawUnsafe(`VACUUM ANALYZE "WorkflowEvent"`);
  return { seconds: (performance.now() - started) / 1000, events };
}
