// Search benchmark: latency and recall at 100,000 published reports.
//
// Needs only a database, not the site: a throwaway embedded PostgreSQL, the migrations, the
// generator (generate-reports.ts), then in-process calls of searchReports (parse, count, rank,
// load the page, snippets) over a fixed query set. Recall and precision per query against a
// LIKE scan of the live editions (title, kicker, subtitle, body) as ground truth.
//
//   npm run bench -- search
//   SEARCH_BENCH_REPORTS=20000 npm run bench -- search     (a smaller database)
//   SEARCH_BENCH_DATABASE_URL=postgres://… npm run bench -- search   (reuse a generated one)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { findFreePort } from "../../lib/db/ports";
import { applyMigrations } from "../../lib/db/migrate";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { facetLexemes } from "../../lib/search/document";
import { parseQuery } from "../../lib/search/query";
import { searchReports, type SearchFilters } from "../../lib/search/search";
import { segments } from "../../lib/search/tokenize";
import { generateReports } from "./generate-reports";
import { percentile } from "./harness";

type Kind = "1字" | "2字" | "3字" | "4字" | "拉丁/数字" | "短语" | "多词" | "筛选";

interface BenchQuery {
  q: string;
  kind: Kind;
  filters?: SearchFilters | "committee" | "year" | "column";
}

export const QUERIES: BenchQuery[] = [
  { q: "党", kind: "1字" },
  { q: "廉", kind: "1字" },
  { q: "赛", kind: "1字" },
  { q: "党建", kind: "2字" },
  { q: "厦门", kind: "2字" },
  { q: "机关", kind: "2字" },
  { q: "学习", kind: "2字" },
  { q: "支部", kind: "2字" },
  { q: "福州", kind: "2字" },
  { q: "青年", kind: "2字" },
  { q: "廉洁", kind: "2字" },
  { q: "志愿", kind: "2字" },
  { q: "乡村", kind: "2字" },
  { q: "二十大", kind: "3字" },
  { q: "党支部", kind: "3字" },
  { q: "新时代", kind: "3字" },
  { q: "示范点", kind: "3字" },
  { q: "模范机关", kind: "4字" },
  { q: "主题教育", kind: "4字" },
  { q: "党史学习", kind: "4字" },
  { q: "作风建设", kind: "4字" },
  { q: "GDP", kind: "拉丁/数字" },
  { q: "2022", kind: "拉丁/数字" },
  { q: "5G", kind: "拉丁/数字" },
  { q: "H5", kind: "拉丁/数字" },
  { q: "12345", kind: "拉丁/数字" },
  { q: '"学习贯彻党的二十大精神"', kind: "短语" },
  { q: '"机关党建高质量发展"', kind: "短语" },
  { q: "“党建引领”", kind: "短语" },
  { q: "厦门 党建", kind: "多词" },
  { q: "青年 志愿服务", kind: "多词" },
  { q: "党建", kind: "筛选", filters: "committee" },
  { q: "学习", kind: "筛选", filters: "year" },
  { q: "模范机关", kind: "筛选", filters: "column" },
];

const ROUNDS = 15;

async function resolveFilters(db: Db, filters: BenchQuery["filters"]): Promise<SearchFilters> {
  if (!filters) return {};
  if (typeof filters === "object") return filters;
  if (filters === "committee") {
    const c = await db.committee.findFirst({ where: { slug: "bench-xiamen" }, select: { id: true } });
    return { committeeId: c?.id ?? null };
  }
  if (filters === "year") return { year: 2022 };
  return { column: "模范机关" };
}

/** The strings a LIKE scan must all find: each quoted phrase whole, else each Han run / word. */
function likeTerms(q: string): string[] {
  const out: string[] = [];
  const text = q.normalize("NFKC");
  const quoted = /"([^"]*)"|“([^”]*)”/g;
  let rest = text;
  for (const m of text.matchAll(quoted)) {
    out.push(m[1] ?? m[2] ?? "");
    rest = rest.replace(m[0], " ");
  }
  for (const s of segments(rest)) out.push(s.text);
  return out.filter(Boolean);
}

async function groundTruth(db: Db, q: string, filters: SearchFilters): Promise<Set<string>> {
  const terms = likeTerms(q);
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const term of terms) {
    params.push(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const p = `$${params.length}`;
    conditions.push(`(v.title ILIKE ${p} OR v.kicker ILIKE ${p} OR v.subtitle ILIKE ${p} OR v."plainText" ILIKE ${p})`);
  }
  if (filters.committeeId) {
    params.push(filters.committeeId);
    conditions.push(`r."committeeId" = $${params.length}`);
  }
  if (filters.year) {
    params.push(filters.year);
    conditions.push(`EXTRACT(YEAR FROM COALESCE(v."issueDate", r."publishedAt" + interval '8 hours'))::int = $${params.length}`);
  }
  if (filters.column) {
    params.push(filters.column);
    conditions.push(`v."column" = $${params.length}`);
  }
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT r.id FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId" WHERE ${conditions.join(" AND ")}`,
    ...params,
  );
  return new Set(rows.map((r) => r.id));
}

async function searchAll(db: Db, q: string, filters: SearchFilters): Promise<Set<string>> {
  const tsquery = parseQuery(q).tsquery;
  if (!tsquery) return new Set();
  // As the app matches: the words and the filters' lexemes in one tsquery.
  const facets = facetLexemes({
    committeeId: filters.committeeId ?? undefined,
    year: filters.year ?? undefined,
    column: filters.column ?? undefined,
  });
  const params: unknown[] = [[tsquery, ...facets.map((l) => `'${l}'`)].join(" & ")];
  let where = "";
  if (filters.column) where += ` AND (d."column" || '') = $${params.push(filters.column)}`;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT d."reportId" AS id FROM "SearchDocument" d WHERE d.tsv @@ $1::tsquery${where}`,
    ...params,
  );
  return new Set(rows.map((r) => r.id));
}

export async function benchSearch(): Promise<void> {
  const count = Number(process.env.SEARCH_BENCH_REPORTS ?? 100_000);
  let databaseUrl = process.env.SEARCH_BENCH_DATABASE_URL;
  let stopPostgres = async () => {};
  if (!databaseUrl) {
    const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cms-bench-search-"));
    fs.chmodSync(dataRoot, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, "data"), port: await findFreePort() });
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
    const indexed = await db.$queryRaw<{ n: number; size: string; gin: string }[]>`
      SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('"SearchDocument"')) AS size,
             pg_size_pretty(pg_relation_size('"SearchDocument_tsv_idx"')) AS gin FROM "SearchDocument"`;
    console.log(`[search] ${indexed[0]!.n} reports indexed; SearchDocument ${indexed[0]!.size}, GIN ${indexed[0]!.gin}`);

    const resolved = await Promise.all(QUERIES.map(async (query) => ({ ...query, f: await resolveFilters(db, query.filters) })));

    // Latency: one warm-up pass, then ROUNDS passes over the set (page 1), and page 5 of each.
    for (const query of resolved) await searchReports(db, { q: query.q, filters: query.f });
    const all: number[] = [];
    const byKind = new Map<Kind, number[]>();
    const perQuery = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const query of resolved) {
        const started = performance.now();
        await searchReports(db, { q: query.q, filters: query.f });
        const ms = performance.now() - started;
        all.push(ms);
        byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), ms]);
        const key = `${query.kind} ${query.q}`;
        perQuery.set(key, [...(perQuery.get(key) ?? []), ms]);
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

    // Recall and precision against LIKE.
    console.log("\n[search] query                          kind       truth   found  recall  precision  p50 ms  p95 ms");
    let truthTotal = 0;
    let foundTrue = 0;
    let foundTotal = 0;
    const recalls: number[] = [];
    const twoCharRecalls: number[] = [];
    for (const query of resolved) {
      const [truth, found] = await Promise.all([groundTruth(db, query.q, query.f), searchAll(db, query.q, query.f)]);
      let hit = 0;
      for (const id of found) if (truth.has(id)) hit += 1;
      const recall = truth.size === 0 ? 1 : hit / truth.size;
      const precision = found.size === 0 ? 1 : hit / found.size;
      recalls.push(recall);
      if (query.kind === "2字") twoCharRecalls.push(recall);
      truthTotal += truth.size;
      foundTrue += hit;
      foundTotal += found.size;
      const times = perQuery.get(`${query.kind} ${query.q}`)!;
      const label = `${query.q}${query.filters ? ` [${typeof query.filters === "string" ? query.filters : "filter"}]` : ""}`;
      console.log(
        `[search] ${label.padEnd(30)} ${query.kind.padEnd(8)} ${String(truth.size).padStart(7)} ${String(found.size).padStart(7)}` +
          `  ${recall.toFixed(4)}  ${precision.toFixed(4)}    ${percentile(times, 50).toFixed(1).padStart(6)}  ${percentile(times, 95).toFixed(1).padStart(6)}`,
      );
    }

    const fmt = (values: number[]) =>
      `n=${values.length} p50=${percentile(values, 50).toFixed(1)} ms p95=${percentile(values, 95).toFixed(1)} ms max=${Math.max(...values).toFixed(1)} ms`;
    console.log(`\n[search] latency, page 1, all queries: ${fmt(all)}  (target p95 ≤ 50 ms)`);
    for (const [kind, values] of byKind) console.log(`[search]   ${kind}: ${fmt(values)}`);
    console.log(`[search] latency, page 5: ${fmt(deep)}`);
    console.log(
      `[search] recall vs LIKE: micro ${(foundTrue / Math.max(1, truthTotal)).toFixed(4)}, mean per query ${(recalls.reduce((a, b) => a + b, 0) / recalls.length).toFixed(4)}, ` +
        `min ${Math.min(...recalls).toFixed(4)}, 2-character queries mean ${(twoCharRecalls.reduce((a, b) => a + b, 0) / twoCharRecalls.length).toFixed(4)}  (target ≥ 0.95)`,
    );
    console.log(`[search] precision vs LIKE: micro ${(foundTrue / Math.max(1, foundTotal)).toFixed(4)}`);
  } finally {
    await db.$disconnect();
    await stopPostgres();
  }
}
