// Cold report pages: each request a report nobody asked for since the site started, so the
// front cache, Next and the public-read cache all miss and the page is read and rendered whole
// (goal at 1,000,000 reports: p95 ≤ 50 ms). Sequential, through the front server of the
// production build, timed at the client; the machine's load average is printed beside it.
//
//   npm run bench -- render                       (generates BENCH_REPORTS, default 100,000, when fewer)
//   BENCH_DATA_DIR=<folder> npm run bench -- render   (a kept database: <folder>/data, database "bench";
//                                                   e.g. one filled by generate-reports.ts with 1,000,000)
import os from "node:os";
import { performance } from "node:perf_hooks";
import { generateReports } from "./generate-reports";
import { percentile, type Harness } from "./harness";

const REQUESTS = Number(process.env.RENDER_BENCH_REQUESTS ?? 300);

export async function benchRender(h: Harness) {
  const count = Number(process.env.BENCH_REPORTS ?? 100_000);
  if ((await h.db.report.count()) < Math.min(count, 1000)) {
    console.log(`[render] generating ${count} reports …`);
    await generateReports(h.databaseUrl, { count, log: () => {} });
  }
  const total = await h.db.report.count({ where: { liveRevisionId: { not: null } } });
  // A spread of reports across the whole table, in random order, none asked for before.
  const ids = (
    await h.db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM "Report" ${total >= 100_000 ? "TABLESAMPLE SYSTEM (1)" : ""} WHERE "liveRevisionId" IS NOT NULL ORDER BY random() LIMIT $1`,
      REQUESTS + 20,
    )
  ).map((row) => row.id);
  const times: number[] = [];
  const misses: number[] = [];
  for (const [i, id] of ids.entries()) {
    const started = performance.now();
    const res = await fetch(`${h.baseUrl}/reports/${id}`);
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200 || !body.includes("report-body")) throw new Error(`/reports/${id} answered ${res.status}`);
    // The first requests warm the server's code paths, not the reports: not counted.
    if (i < 20) continue;
    times.push(ms);
    if (res.headers.get("x-cache") === "MISS") misses.push(ms);
  }
  const fmt = (values: number[]) =>
    `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;
  console.log(
    `[render] ${total.toLocaleString("en")} live reports; ${times.length} cold report pages, one at a time (${misses.length} front-cache misses): ` +
      `${fmt(times)} (goal p95 ≤ 50 ms); load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
  );
}
