// Recall 1.0 against a LIKE scan, by construction and checked: over 1,500 generated reports
// (the benchmark generator, which indexes with the app's own searchRow) plus a few reports
// rewritten and reindexed through the app's write path (indexPublishedReport), hundreds of
// queries of 1, 2, 3, 4, 6 and 10 characters cut from the reports themselves, Latin, digits,
// full-width forms, punctuation and mixtures. The reference is SQL: a report matches when
// every term of the query occurs in one of its fields (title, kicker, subtitle, summary,
// original title, body), both sides folded by lower(normalize(…, NFKC)).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { generateReports } from "@/scripts/bench/generate-reports";
import { indexPublishedReport } from "@/lib/search/document";
import { parseQuery } from "@/lib/search/query";
import { COUNT_LIMIT, matchingIds, PAGE_SIZE, searchReports, type SearchFilters } from "@/lib/search/search";
import { freshDatabase } from "../support/test-database";

let db: Db;
const queries: string[] = [];

const SPECIAL: Record<string, string> = {
  summary: "全年ＧＤＰ增长6.5%，“一网通办”办件满意率98.6%；5G网络覆盖。",
  plainText: "Party-building APP上线：H5答题、VR党史展览（2023版）。\nC++与Python培训班12345期，O'Brien\\路径。",
  originalTitle: "原标题：鑫淼焱垚工作法",
};

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  await generateReports(fresh.url, { count: 1_500, log: () => {} });
  // Rewrite a few live editions and reindex them the way a publish does.
  const picked = await db.$queryRaw<{ id: string; rev: string }[]>`
    SELECT r.id, r."liveRevisionId" AS rev FROM "Report" r ORDER BY r.id LIMIT 3`;
  for (const [i, { id, rev }] of picked.entries()) {
    if (i === 0) await db.$executeRaw`UPDATE "Revision" SET summary = ${SPECIAL.summary} WHERE id = ${rev}`;
    if (i === 1) await db.$executeRaw`UPDATE "Revision" SET "plainText" = "plainText" || ${"\n" + SPECIAL.plainText} WHERE id = ${rev}`;
    if (i === 2) await db.$executeRaw`UPDATE "Revision" SET "originalTitle" = ${SPECIAL.originalTitle} WHERE id = ${rev}`;
    await db.$transaction((tx) => indexPublishedReport(tx, id));
  }
  await db.$executeRawUnsafe(`ANALYZE "SearchDocument"`);
  // The reference's folding, done once by PostgreSQL (not by the app's code) rather than for
  // every field of every report at every query.
  await db.$executeRawUnsafe(`
    CREATE TABLE recall_reference AS
    SELECT r.id, r."committeeId", v."column",
           EXTRACT(YEAR FROM COALESCE(v."issueDate", r."publishedAt" + interval '8 hours'))::int AS year,
           ${REFERENCE_FIELDS.map((f, i) => `lower(normalize(v.${f}, NFKC)) AS f${i}`).join(", ")}
      FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId"
     WHERE r."publishedAt" IS NOT NULL`);

  // Substrings of the reports themselves, of every length class, from every field.
  const texts = await db.$queryRaw<{ t: string }[]>`
    SELECT concat_ws(' ', v.title, v.kicker, v.subtitle, v."plainText") AS t
      FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId" ORDER BY md5(r.id) LIMIT 25`;
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (const { t } of texts) {
    const chars = [...t];
    for (const length of [1, 2, 3, 4, 6, 10]) {
      const start = Math.floor(rand() * Math.max(1, chars.length - length));
      const piece = chars.slice(start, start + length).join("");
      if (!/\s/.test(piece) && /[\p{L}\p{N}]/u.test(piece)) queries.push(`"${piece}"`);
    }
  }
  queries.push(
    "党", "廉", "赛", "学习", "机关", "党建", "二十大", "模范机关", "乡村振兴",
    "GDP", "gdp", "ＧＤＰ", "5G", "5g网络", "H5", "12345", "2022", "2023版", "c++", "o'brien\\路径",
    '"6.5%"', '"(gdp)"', "一网通办", "“一网通办”办件", "鑫淼焱垚", "淼焱", "app上线", "party-building",
    "厦门 党建", "青年 志愿服务", "学习贯彻党的二十大精神", '"学习贯彻党的二十大精神"',
    "鑫鑫鑫", "zzqx", "党建😀", "&", '"&"', "''", "\\",
  );
}, 1_800_000);
afterAll(async () => {
  await db.$disconnect();
});

const REFERENCE_FIELDS = ["title", "kicker", "subtitle", "summary", `"originalTitle"`, `"plainText"`];

/** Reports holding every term in some field, by LIKE over the live editions. */
async function likeScan(terms: string[], filters: SearchFilters = {}): Promise<Set<string>> {
  const params: unknown[] = [];
  const conditions = terms.map((term) => {
    params.push(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const p = `$${params.length}`;
    return `(${REFERENCE_FIELDS.map((_, i) => `f${i} LIKE ${p}`).join(" OR ")})`;
  });
  if (filters.committeeId) conditions.push(`"committeeId" = $${params.push(filters.committeeId)}`);
  if (filters.column) conditions.push(`"column" = $${params.push(filters.column)}`);
  if (filters.year) conditions.push(`year = $${params.push(filters.year)}`);
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM recall_reference WHERE ${conditions.join(" AND ")}`, ...params);
  return new Set(rows.map((r) => r.id));
}

async function pagesOf(q: string, filters: SearchFilters, pages: number): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total = 0;
  for (let page = 1; page <= pages; page++) {
    const result = await searchReports(db, { q, filters, page });
    total = result.total;
    ids.push(...result.hits.map((h) => h.id));
    if (result.hits.length < PAGE_SIZE) break;
  }
  return { ids, total };
}

describe("recall against a LIKE scan", () => {
  it("has queries of every kind", () => {
    expect(queries.length).toBeGreaterThan(150);
  });

  it("finds exactly the reports that contain every term, for every query", async () => {
    const failures: string[] = [];
    let nonEmpty = 0;
    for (const q of queries) {
      const parsed = parseQuery(q);
      const truth = parsed.terms.length > 0 ? await likeScan(parsed.terms) : new Set<string>();
      const found = new Set(await matchingIds(db, q));
      if (truth.size > 0) nonEmpty += 1;
      const missed = [...truth].filter((id) => !found.has(id)).length;
      const extra = [...found].filter((id) => !truth.has(id)).length;
      if (missed > 0 || extra > 0) failures.push(`${q}: ${truth.size} in LIKE, ${missed} missed, ${extra} extra`);
      // The whole query string, where it is one, is found too (splitting only widens).
      const whole = parsed.text.replace(/^["“「]|["”」]$/g, "");
      if (parsed.terms.length > 0 && !/\s/.test(whole) && whole !== "") {
        for (const id of await likeScan([whole.normalize("NFKC").toLowerCase()])) {
          if (!found.has(id)) failures.push(`${q}: whole string in ${id} not found`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(nonEmpty).toBeGreaterThan(120);
  }, 1_800_000);

  it("pages through exactly those reports, title hits first, with the count", async () => {
    const failures: string[] = [];
    for (const q of queries.filter((_, i) => i % 4 === 0)) {
      const parsed = parseQuery(q);
      if (parsed.terms.length === 0) continue;
      const truth = await likeScan(parsed.terms);
      const { ids, total } = await pagesOf(q, {}, truth.size <= 100 ? 10 : 2);
      if (total !== Math.min(truth.size, COUNT_LIMIT)) failures.push(`${q}: total ${total}, LIKE ${truth.size}`);
      if (new Set(ids).size !== ids.length) failures.push(`${q}: a report on two pages`);
      for (const id of ids) if (!truth.has(id)) failures.push(`${q}: ${id} is not a match`);
      if (truth.size <= 100 && ids.length !== truth.size) failures.push(`${q}: ${ids.length} paged of ${truth.size}`);
    }
    expect(failures).toEqual([]);
  }, 1_800_000);

  it("keeps recall 1.0 with filters", async () => {
    const committee = await db.committee.findFirstOrThrow({ where: { slug: "bench-xiamen" } });
    const failures: string[] = [];
    for (const filters of [{ committeeId: committee.id }, { year: 2022 }, { column: "模范机关" }, { committeeId: committee.id, year: 2020 }] as SearchFilters[]) {
      for (const q of ["党", "机关", "学习", "廉洁", "二十大", "GDP", "鑫淼焱垚", ...queries.slice(0, 18)]) {
        const parsed = parseQuery(q);
        const truth = await likeScan(parsed.terms, filters);
        const found = new Set(await matchingIds(db, q, filters));
        const missed = [...truth].filter((id) => !found.has(id)).length;
        const extra = [...found].filter((id) => !truth.has(id)).length;
        if (missed > 0 || extra > 0) failures.push(`${q} ${JSON.stringify(filters)}: ${truth.size} in LIKE, ${missed} missed, ${extra} extra`);
        const page = await searchReports(db, { q, filters });
        for (const hit of page.hits) if (!truth.has(hit.id)) failures.push(`${q} ${JSON.stringify(filters)}: page shows a non-match`);
        if (page.total !== Math.min(truth.size, COUNT_LIMIT)) failures.push(`${q} ${JSON.stringify(filters)}: total ${page.total}, LIKE ${truth.size}`);
      }
    }
    expect(failures).toEqual([]);
  }, 1_800_000);
});
