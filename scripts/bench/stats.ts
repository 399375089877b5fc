// npm run bench -- stats: the 报送 statistics queries at STATS_BENCH_REPORTS reports (default
// 1,000,000) with their workflow events, two ways: (a) the rollup tables the transactions keep
// (what the page reads), (b) the same figures straight from indexed WorkflowEvent rows.
import { performance } from "node:perf_hooks";
import { createPrismaClient } from "../../lib/db/client";
import { seedDemoData } from "../../prisma/seed";
import { chinaMonth, rebuildStats } from "../../lib/stats/rollup";
import { statsByCommitteeMonth, statsByEditor, type MonthRange } from "../../lib/stats/query";
import type { StatsScope } from "../../lib/stats/access";
import { generateEvents } from "./generate-events";
import { percentile, throwawayDatabase } from "./harness";

const ROUNDS = Number(process.env.STATS_BENCH_ROUNDS ?? 20);

function monthsBack(n: number): MonthRange {
  const now = new Date();
  const to = chinaMonth(now).slice(0, 7);
  const d = new Date(`${to}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - (n - 1));
  return { from: d.toISOString().slice(0, 7), to };
}

/** The same figures as the page, computed from the events (the alternative to the rollup). */
function fromEventsSql(range: MonthRange, committeeId: string | null): string {
  const month = (col: string) => `date_trunc('month', (${col} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date`;
  const lo = `(('${range.from}-01')::timestamp AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC'`;
  const hi = `((('${range.to}-01')::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC'`;
  const scope = committeeId ? `AND r."committeeId" = '${committeeId}'` : "";
  return `
    WITH counts AS (
      SELECT r."committeeId", ${month('e."createdAt"')} AS month,
        count(*) FILTER (WHERE e.action = 'CREATE') AS drafted, count(*) FILTER (WHERE e.action = 'SUBMIT') AS submitted,
        count(*) FILTER (WHERE e.action IN ('APPROVE','PUBLISH') AND e."toStatus" = 'PUBLISHED') AS published,
        count(*) FILTER (WHERE e.action = 'REQUEST_CHANGES') AS sent_back, sum(rv."charCount") AS chars
      FROM "WorkflowEvent" e JOIN "Report" r ON r.id = e."reportId" LEFT JOIN "Revision" rv ON rv.id = e."revisionId"
      WHERE e."createdAt" >= ${lo} AND e."createdAt" < ${hi} ${scope}
      GROUP BY 1, 2
    ), turn AS (
      SELECT r."committeeId", ${month('d."createdAt"')} AS month,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d."createdAt" - s."createdAt")) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM d."createdAt" - s."createdAt")) AS p90
      FROM "WorkflowEvent" d JOIN "Report" r ON r.id = d."reportId"
      JOIN LATERAL (SELECT x."createdAt" FROM "WorkflowEvent" x WHERE x."reportId" = d."reportId" AND x.action = 'SUBMIT' AND x."createdAt" <= d."createdAt" ORDER BY x."createdAt" DESC LIMIT 1) s ON true
      WHERE d.action IN ('APPROVE','SCHEDULE','REQUEST_CHANGES') AND d."createdAt" >= ${lo} AND d."createdAt" < ${hi} ${scope}
      GROUP BY 1, 2
    )
    SELECT * FROM counts LEFT JOIN turn USING ("committeeId", month)`;
}

async function time(rounds: number, run: () => Promise<unknown>): Promise<string> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return `p50 ${percentile(times, 50).toFixed(1).padStart(8)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(8)} ms   (n=${rounds})`;
}

export async function benchStats(): Promise<void> {
  const count = Number(process.env.STATS_BENCH_REPORTS ?? 1_000_000);
  const { url, stop } = await throwawayDatabase("bench_stats");
  try {
    const db = createPrismaClient(url, { max: 4 });
    try {
      await seedDemoData(db);
      console.log(`[stats] generating ${count.toLocaleString("en")} reports with their events …`);
      const generated = await generateEvents(db, { count, log: console.log });
      console.log(`[stats] generated ${generated.events.toLocaleString("en")} events in ${generated.seconds.toFixed(1)} s`);

      let t = performance.now();
      await rebuildStats(db);
      const sizes = await db.$queryRawUnsafe<{ monthly: bigint; turnaround: bigint }[]>(`SELECT (SELECT count(*) FROM "StatsMonthly") AS monthly, (SELECT count(*) FROM "StatsTurnaround") AS turnaround`);
      console.log(`[stats] rollup rebuilt from the events (the migration's backfill) in ${((performance.now() - t) / 1000).toFixed(1)} s: ${sizes[0]!.monthly} StatsMonthly rows, ${sizes[0]!.turnaround} turnaround histogram rows`);
      await db.$executeRawUnsafe(`ANALYZE "StatsMonthly"`);
      await db.$executeRawUnsafe(`ANALYZE "StatsTurnaround"`);

      const xiamen = (await db.committee.findUniqueOrThrow({ where: { slug: "xiamen" } })).id;
      const scopes: [string, StatsScope, string | null][] = [
        ["admin (all committees)", { all: true }, null],
        ["reviewer (one committee)", { all: false, committeeIds: [xiamen] }, xiamen],
      ];
      const ranges: [string, MonthRange][] = [
        ["this month", monthsBack(1)],
        ["12 months", monthsBack(12)],
      ];
      console.log("\n[stats] (a) rollup — what the page reads: per committee×month table + per editor table");
      for (const [scopeName, scope] of scopes) {
        for (const [rangeName, range] of ranges) {
          const line = await time(ROUNDS, () => Promise.all([statsByCommitteeMonth(db, scope, range), statsByEditor(db, scope, range)]));
          console.log(`  ${scopeName.padEnd(26)} ${rangeName.padEnd(11)} ${line}`);
        }
      }

      t = performance.now();
      await db.$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS bench_event_action_created ON "WorkflowEvent" ("action", "createdAt")`);
      console.log(`\n[stats] (b) from events, with an index on WorkflowEvent(action, createdAt) (built in ${((performance.now() - t) / 1000).toFixed(1)} s); per committee×month only`);
      const eventRounds = Math.max(3, Math.floor(ROUNDS / 4));
      for (const [scopeName, , committeeId] of scopes) {
        for (const [rangeName, range] of ranges) {
          const line = await time(eventRounds, () => db.$queryRawUnsafe(fromEventsSql(range, committeeId)));
          console.log(`  ${scopeName.padEnd(26)} ${rangeName.padEnd(11)} ${line}`);
        }
      }
    } finally {
      await db.$disconnect();
    }
  } finally {
    await stop();
  }
}
