// Search benchmark at 1,000,000 published reports (SEARCH_BENCH_REPORTS to change).
//
// Needs only a database, not the site: a throwaway embedded PostgreSQL, the migrations, the
// generator (generate-reports.ts), a few rare words written into some reports and reindexed
// through the app's write path, then in-process calls of searchReports (parse, probe, count,
// rank, load the page, snippets):
//   1. sequential latency, p50/p95/p99 per query class, page 1 and page 5;
//   2. recall against a LIKE scan: every report of a 1/64 sample (by a hash of its id) whose
//      folded fields (lower(normalize(…, NFKC)) of title, kicker, subtitle, summary, original
//      title, body) contain every term must be found, and every hit shown on page 1 must be
//      such a report;
//   3. throughput: 50 concurrent callers, each search a query/page/filter combination not
//      asked before (no cache of any kind in this path), on the app's pool of 10 connections,
//      after a warm-up with other combinations (SEARCH_BENCH_WARMUP_SECONDS, default 10).
//
//   npm run bench -- search
//   SEARCH_BENCH_REPORTS=100000 npm run bench -- search     (a smaller database)
//   SEARCH_BENCH_DATABASE_URL=postgres://… npm run bench -- search   (reuse a generated one)
// Its own PostgreSQL gets the memory settings of a dedicated server (serverMemorySettings); a
// database given by URL runs with its server's, and the run prints its shared_buffers.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { serverMemorySettings, startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { findFreePort } from "../../lib/db/ports";
import { applyMigrations } from "../../lib/db/migrate";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { indexPublishedReport } from "../../lib/search/document";
import { parseQuery } from "../../lib/search/query";
import { matchingIds, searchReports, type SearchFilters } from "../../lib/search/search";
import { generateReports, sampleVocabulary } from "./generate-reports";
import { percentile } from "./harness";

type Kind = "1字" | "2字" | "词" | "短语" | "拉丁/数字" | "罕见" | "无结果" | "筛选";

interface BenchQuery {
  q: string;
  kind: Kind;
  filters?: "committee" | "year" | "column" | "committee+year";
}

export const QUERIES: BenchQuery[] = [
  { q: "党", kind: "1字" },
  { q: "廉", kind: "1字" },
  { q: "赛", kind: "1字" },
  { q: "学", kind: "1字" },
  { q: "党建", kind: "2字" },
  { q: "学习", kind: "2字" },
  { q: "机关", kind: "2字" },
  { q: "廉洁", kind: "2字" },
  { q: "支部", kind: "2字" },
  { q: "青年", kind: "2字" },
  { q: "志愿", kind: "2字" },
  { q: "乡村", kind: "2字" },
  { q: "厦门", kind: "2字" },
  { q: "二十大", kind: "词" },
  { q: "党支部", kind: "词" },
  { q: "新时代", kind: "词" },
  { q: "模范机关", kind: "词" },
  { q: "主题教育", kind: "词" },
  { q: "作风建设", kind: "词" },
  { q: '"学习贯彻党的二十大精神"', kind: "短语" },
  { q: '"机关党建高质量发展"', kind: "短语" },
  { q: "“党建引领”", kind: "短语" },
  { q: "学习贯彻二十大精神", kind: "短语" },
  { q: "厦门 党建", kind: "短语" },
  { q: "GDP", kind: "拉丁/数字" },
  { q: "2022", kind: "拉丁/数字" },
  { q: "5G", kind: "拉丁/数字" },
  { q: "H5", kind: "拉丁/数字" },
  { q: "12345", kind: "拉丁/数字" },
  { q: "5g网络", kind: "拉丁/数字" },
  { q: "鑫淼焱垚", kind: "罕见" },
  { q: "淼焱", kind: "罕见" },
  { q: "赑屃碑", kind: "罕见" },
  { q: "zqxw2026", kind: "罕见" },
  { q: "鑫鑫鑫", kind: "无结果" },
  { q: "党建鑫淼", kind: "无结果" },
  { q: "qqqzzz", kind: "无结果" },
  { q: "党建", kind: "筛选", filters: "committee" },
  { q: "学习", kind: "筛选", filters: "year" },
  { q: "模范机关", kind: "筛选", filters: "column" },
  { q: "廉", kind: "筛选", filters: "committee+year" },
];

/** Rare words written into a few reports (the generated vocabulary has none). */
const RARE: { text: string; reports: number; field: "plainText" | "summary" }[] = [
  { text: "推行鑫淼焱垚工作法。", reports: 40, field: "plainText" },
  { text: "参观赑屃碑。", reports: 3, field: "summary" },
  { text: "活动编号zqxw2026。", reports: 12, field: "plainText" },
];

const ROUNDS = Number(process.env.SEARCH_BENCH_ROUNDS ?? 10);
const LOAD_SECONDS = Number(process.env.SEARCH_BENCH_LOAD_SECONDS ?? 20);
/**
 * Before the throughput run, the same load for this long with other combinations (from the end
 * of the list, never measured): the recall check's LIKE scans have just pushed the index and the
 * newest reports out of memory (a million reports is more than the machine's RAM), which a
 * running site keeps there.
 */
const WARMUP_SECONDS = Number(process.env.SEARCH_BENCH_WARMUP_SECONDS ?? 10);
const LOAD_CALLERS = 50;
/** The recall sample: reports whose id hashes to 0 modulo this. */
const SAMPLE_MODULO = 64;

async function resolveFilters(db: Db, filters: BenchQuery["filters"]): Promise<SearchFilters> {
  if (!filters) return {};
  const committee = async () => (await db.committee.findFirst({ where: { slug: "bench-xiamen" }, select: { id: true } }))?.id ?? null;
  if (filters === "committee") return { committeeId: await committee() };
  if (filters === "year") return { year: 2022 };
  if (filters === "committee+year") return { committeeId: await committee(), year: 2021 };
  return { column: "模范机关" };
}

/** Writes the rare words into some reports and reindexes them as a publish would. */
async function plantRareWords(db: Db): Promise<void> {
  for (const rare of RARE) {
    const marker = rare.text.replace(/[。推行参观活动编号工作法]/g, "");
    if ((await matchingIds(db, `"${marker}"`)).length > 0) continue;
    const picked = await db.$queryRawUnsafe<{ id: string; rev: string }[]>(
      `SELECT r.id, r."liveRevisionId" AS rev FROM "Report" r WHERE r."liveRevisionId" IS NOT NULL
        ORDER BY md5(r.id || $1) LIMIT ${rare.reports}`,
      rare.text,
    );
    for (const { id, rev } of picked) {
      await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`UPDATE "Revision" SET "${rare.field}" = "${rare.field}" || $1 WHERE id = $2`, rare.text, rev);
        await indexPublishedReport(tx, id);
      });
    }
  }
}

const SAMPLE_SQL = `('x' || substr(md5(r.id), 1, 8))::bit(32)::int % ${SAMPLE_MODULO} = 0`;

/** Reports among `only` holding every term in some field, by LIKE over the live editions. */
async function likeScan(db: Db, terms: string[], filters: SearchFilters, only: string[]): Promise<Set<string>> {
  const params: unknown[] = [];
  const conditions = terms.map((term) => {
    params.push(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const p = `$${params.length}`;
    const fields = ["title", "kicker", "subtitle", "summary", `"originalTitle"`, `"plainText"`];
    return `(${fields.map((f) => `lower(normalize(v.${f}, NFKC)) LIKE ${p}`).join(" OR ")})`;
  });
  if (filters.committeeId) conditions.push(`r."committeeId" = $${params.push(filters.committeeId)}`);
  if (filters.column) conditions.push(`v."column" = $${params.push(filters.column)}`);
  if (filters.year) {
    conditions.push(`EXTRACT(YEAR FROM COALESCE(v."issueDate", r."publishedAt" + interval '8 hours'))::int = $${params.push(filters.year)}`);
  }
  conditions.push(`r.id = ANY($${params.push(only)})`);
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT r.id FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId"
      WHERE r."publishedAt" IS NOT NULL AND ${conditions.join(" AND ")}`,
    ...params,
  );
  return new Set(rows.map((r) => r.id));
}

const fmt = (values: number[]) =>
  `n=${String(values.length).padStart(4)}  p50 ${percentile(values, 50).toFixed(1).padStart(6)}  p95 ${percentile(values, 95).toFixed(1).padStart(6)}  p99 ${percentile(values, 99).toFixed(1).padStart(6)}  max ${Math.max(...values).toFixed(1).padStart(6)} ms`;

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

/** LOAD_CALLERS callers taking the next item of `items` until `seconds` pass or none is left; how many were taken. */
async function asCallers<T>(items: T[], seconds: number, each: (item: T) => Promise<void>): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: LOAD_CALLERS }, async () => {
      while (performance.now() < deadline && next < items.length) await each(items[next++]!);
    }),
  );
  return next;
}

export async function benchSearch(): Promise<void> {
  const count = Number(process.env.SEARCH_BENCH_REPORTS ?? 1_000_000);
  let databaseUrl = process.env.SEARCH_BENCH_DATABASE_URL;
  let stopPostgres = async () => {};
  if (!databaseUrl) {
    const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cms-bench-search-"));
    fs.chmodSync(dataRoot, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, "data"), port: await findFreePort(), settings: serverMemorySettings() });
    stopPostgres = async () => {
      await pg.stop();
      fs.rmSync(dataRoot, { recursive: true, force: true });
    };
    await pg.createDatabase("bench_search");
    databaseUrl = pg.urlFor("bench_search");
    await applyMigrations(databaseUrl);
    console.log(`[search] generating ${count} reports …`);
    const { seconds } = await generateReports(databaseUrl, { count, log: console.log });
    console.log(`[search] generator: ${count} reports in ${seconds.toFixed(1)} s`);
  }
  const db = createPrismaClient(databaseUrl, { max: 4 });
  try {
    await plantRareWords(db);
    await db.$executeRawUnsafe(`ANALYZE "SearchDocument"`);
    const indexed = await db.$queryRaw<{ n: number; size: string; gin: string; head: string; buffers: string }[]>`
      SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('"SearchDocument"')) AS size,
             pg_size_pretty(pg_relation_size('"SearchDocument_grams_idx"')) AS gin,
             pg_size_pretty(pg_relation_size('"SearchDocument_headGrams_idx"')) AS head,
             current_setting('shared_buffers') AS buffers FROM "SearchDocument"`;
    console.log(
      `[search] ${indexed[0]!.n} reports indexed; SearchDocument ${indexed[0]!.size} in all, GIN grams ${indexed[0]!.gin}, GIN headGrams ${indexed[0]!.head}; shared_buffers ${indexed[0]!.buffers}`,
    );
    const resolved = await Promise.all(QUERIES.map(async (query) => ({ ...query, f: await resolveFilters(db, query.filters) })));
    const label = (query: (typeof resolved)[number]) => `${query.q}${query.filters ? ` [${query.filters}]` : ""}`;

    // 1. Sequential latency: a warm-up pass, then ROUNDS passes over the set (page 1), and page 5.
    console.log(`\n[search] sequential, load average before: ${loadAverage()}`);
    for (const query of resolved) await searchReports(db, { q: query.q, filters: query.f });
    const all: number[] = [];
    const byKind = new Map<Kind, number[]>();
    const perQuery = new Map<string, number[]>();
    const totals = new Map<string, string>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const query of resolved) {
        const started = performance.now();
        const result = await searchReports(db, { q: query.q, filters: query.f });
        const ms = performance.now() - started;
        all.push(ms);
        byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), ms]);
        perQuery.set(label(query), [...(perQuery.get(label(query)) ?? []), ms]);
        totals.set(label(query), `${result.total}${result.totalIsLowerBound ? "+" : ""}`);
      }
    }
    const deep: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const query of resolved) {
        const started = performance.now();
        await searchReports(db, { q: query.q, filters: query.f, page: 5 });
        deep.push(performance.now() - started);
      }
    }
    console.log(`[search] load average after: ${loadAverage()}`);

    // 2. Recall against LIKE on the sample; precision of page 1 against LIKE.
    console.log(`\n[search] query                          kind        total  sample-LIKE  missed  extra  page-1 non-matches   p50 ms  p95 ms`);
    let truthTotal = 0;
    let missedTotal = 0;
    let extraTotal = 0;
    let wrongShown = 0;
    const sampleIds = (
      await db.$queryRawUnsafe<{ id: string }[]>(`SELECT r.id FROM "Report" r WHERE r."liveRevisionId" IS NOT NULL AND ${SAMPLE_SQL}`)
    ).map((r) => r.id);
    for (const query of resolved) {
      const parsed = parseQuery(query.q);
      const truth = await likeScan(db, parsed.terms, query.f, sampleIds);
      const found = new Set(await matchingIds(db, query.q, query.f, sampleIds));
      const missed = [...truth].filter((id) => !found.has(id)).length;
      const extra = [...found].filter((id) => !truth.has(id)).length;
      const shown = (await searchReports(db, { q: query.q, filters: query.f })).hits.map((h) => h.id);
      const shownTrue = shown.length > 0 ? await likeScan(db, parsed.terms, query.f, shown) : new Set<string>();
      const wrong = shown.filter((id) => !shownTrue.has(id)).length;
      truthTotal += truth.size;
      missedTotal += missed;
      extraTotal += extra;
      wrongShown += wrong;
      const times = perQuery.get(label(query))!;
      console.log(
        `[search] ${label(query).padEnd(30)} ${query.kind.padEnd(8)} ${totals.get(label(query))!.padStart(7)} ${String(truth.size).padStart(12)} ${String(missed).padStart(7)} ${String(extra).padStart(6)} ${String(wrong).padStart(20)}` +
          `   ${percentile(times, 50).toFixed(1).padStart(6)}  ${percentile(times, 95).toFixed(1).padStart(6)}`,
      );
    }

    console.log(`\n[search] sequential latency, page 1, all queries: ${fmt(all)}  (target p95 ≤ 50 ms)`);
    for (const [kind, values] of byKind) console.log(`[search]   ${kind.padEnd(8)} ${fmt(values)}`);
    console.log(`[search] page 5, all queries: ${fmt(deep)}`);
    console.log(
      `[search] recall vs LIKE on the 1/${SAMPLE_MODULO} sample: ${truthTotal - missedTotal}/${truthTotal} = ${(truthTotal === 0 ? 1 : (truthTotal - missedTotal) / truthTotal).toFixed(4)}; ` +
        `found but not in LIKE: ${extraTotal}; page-1 hits that LIKE rejects: ${wrongShown}`,
    );

    // 3. Throughput: LOAD_CALLERS callers, every search a combination not asked before.
    const vocabulary = sampleVocabulary();
    const words = new Set<string>();
    for (const heading of vocabulary.headings) {
      const chars = [...heading].filter((c) => /\p{Script=Han}/u.test(c));
      for (let i = 0; i < chars.length; i++) {
        words.add(chars[i]!);
        if (i + 1 < chars.length) words.add(chars[i]! + chars[i + 1]!);
        if (i + 3 < chars.length && i % 3 === 0) words.add(chars.slice(i, i + 4).join(""));
      }
    }
    const committees = (await db.committee.findMany({ where: { slug: { startsWith: "bench-" } }, select: { id: true } })).map((c) => c.id);
    const combos: { q: string; page: number; filters: SearchFilters }[] = [];
    for (const page of [1, 2, 3]) {
      for (const [i, q] of [...words].entries()) {
        combos.push({ q, page, filters: {} });
        combos.push({ q, page, filters: { committeeId: committees[i % committees.length]! } });
        combos.push({ q, page, filters: { year: 2015 + (i % 12) } });
      }
    }
    combos.sort((a, b) => (a.q + a.page + JSON.stringify(a.filters) < b.q + b.page + JSON.stringify(b.filters) ? -1 : 1));
    const shuffled = combos.map((c, i) => ({ c, k: (i * 2654435761) % 4294967296 })).sort((a, b) => a.k - b.k).map((x) => x.c);
    const loadDb = createPrismaClient(databaseUrl);
    try {
      const warmup = shuffled.splice(Math.floor(shuffled.length / 2));
      const warmed = await asCallers(warmup, WARMUP_SECONDS, (combo) => searchReports(loadDb, combo).then(() => {}, () => {}));
      console.log(`\n[search] warm-up: ${warmed} other searches in ${WARMUP_SECONDS} s (not measured)`);
      const latencies: number[] = [];
      let errors = 0;
      console.log(`[search] throughput: ${LOAD_CALLERS} callers, ${LOAD_SECONDS} s, ${shuffled.length} distinct combinations; load average before: ${loadAverage()}`);
      const started = performance.now();
      await asCallers(shuffled, LOAD_SECONDS, async (combo) => {
        const t = performance.now();
        try {
          await searchReports(loadDb, combo);
          latencies.push(performance.now() - t);
        } catch (error) {
          if (errors++ === 0) console.log(`[search] first error: ${error instanceof Error ? error.message.slice(-300) : String(error)}`);
        }
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `[search] ${latencies.length} searches in ${seconds.toFixed(1)} s = ${(latencies.length / seconds).toFixed(1)} searches/s (target ≥ 100), ${errors} errors; latency ${fmt(latencies)}; load average after: ${loadAverage()}`,
      );
    } finally {
      await loadDb.$disconnect();
    }
  } finally {
    await db.$disconnect();
    await stopPostgres();
  }
}
