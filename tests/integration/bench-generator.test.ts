// The benchmark generator (scripts/bench/generate-reports.ts) writes what the app writes: a
// published Report, its PUBLISH Revision as the live edition, the SearchDocument row the app
// would index, and the committees' managed 栏目; and it leaves the tables' indexes and options as it found them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { freshDatabase } from "../support/test-database";
import { compareCodePoints, drawReport, generateReports, sampleVocabulary, VectorBuilder } from "@/scripts/bench/generate-reports";
import { vectorLiteral } from "@/lib/search/tokenize";
import { searchRow, yearOf } from "@/lib/search/document";

let db: Db;
let url: string;

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
});
afterAll(() => db?.$disconnect());

const indexNames = async () =>
  (
    await db.$queryRawUnsafe<{ indexname: string }[]>(
      `SELECT indexname FROM pg_indexes WHERE tablename IN ('Report', 'Revision', 'SearchDocument') ORDER BY 1`,
    )
  ).map((r) => r.indexname);

describe("the report generator", () => {
  it("makes the same search vectors as the app, by its fast path", () => {
    const vocabulary = sampleVocabulary();
    const committees = [
      { id: "c-quanzhou", city: "泉州", authors: ["a"] },
      { id: "c-xiamen", city: "厦门", authors: ["b"] },
    ];
    const reports = Array.from({ length: 500 }, (_, i) => drawReport(i, 42, "t", committees, vocabulary));
    expect(new VectorBuilder().verify(reports)).toBe(true);
  });

  it("sends each vector as PostgreSQL keeps it, lexemes in its order and each once (so reading one sorts nothing)", async () => {
    const vocabulary = sampleVocabulary();
    const committees = [
      { id: "c-quanzhou", city: "泉州", authors: ["a"] },
      { id: "c-xiamen", city: "厦门", authors: ["b"] },
    ];
    const vectors = new VectorBuilder();
    const literals = Array.from({ length: 300 }, (_, i) => {
      const r = drawReport(i, 7, "t", committees, vocabulary);
      const row = vectors.row(r, { committeeId: r.committeeId, year: r.year, column: r.column });
      return [row.headGrams, row.grams];
    }).flat();
    // PostgreSQL writes a vector out in its own order, each lexeme once: text that survives the
    // round trip unchanged was sent that way.
    const [roundTrip] = await db.$queryRawUnsafe<{ same: bigint; all: bigint }[]>(
      `SELECT count(*) FILTER (WHERE v::tsvector::text = v) AS same, count(*) AS all FROM unnest($1::text[]) v`,
      literals,
    );
    expect(roundTrip).toEqual({ same: 600n, all: 600n });
    // The order by code point is PostgreSQL's byte order of UTF-8, also where UTF-16's differs
    // (an astral character against one above U+E000), and a prefix comes first.
    const tricky = ["a", "ab", "b", "党", "党建", "\uFF21", "\u{20BB7}", "\u{20BB7}党", "'", "\\", "_y2022", "5g"].sort(compareCodePoints);
    const [sorted] = await db.$queryRawUnsafe<{ same: boolean }[]>(`SELECT $1::text::tsvector::text = $1::text AS same`, tricky.map((t) => vectorLiteral([t])).join(" "));
    expect(sorted).toEqual({ same: true });
  });

  it("loads reports with COPY in two worker processes and rebuilds the indexes", async () => {
    const before = await indexNames();
    await generateReports(url, { count: 5000, chunkSize: 1000, workers: 2 });
    expect(await indexNames()).toEqual(before);
    // Autovacuum, off during the load, is on again (no table options left behind, TOAST included).
    const options = await db.$queryRawUnsafe<{ relname: string; reloptions: string[] | null }[]>(
      `SELECT t.relname, coalesce(t.reloptions, '{}') || coalesce(toast.reloptions, '{}') AS reloptions
         FROM pg_class t LEFT JOIN pg_class toast ON toast.oid = t.reltoastrelid
        WHERE t.relname IN ('Report', 'Revision', 'SearchDocument') AND t.relnamespace = 'public'::regnamespace ORDER BY 1`,
    );
    expect(options).toEqual(["Report", "Revision", "SearchDocument"].map((relname) => ({ relname, reloptions: [] })));

    const [counts] = await db.$queryRawUnsafe<{ reports: bigint; live: bigint; revisions: bigint; documents: bigint; orphans: bigint }[]>(
      `SELECT (SELECT count(*) FROM "Report") AS reports,
              (SELECT count(*) FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId" AND v."reportId" = r.id
                 WHERE v.reason = 'PUBLISH' AND r.status = 'PUBLISHED' AND r."publishedAt" = v."publishedAt") AS live,
              (SELECT count(*) FROM "Revision") AS revisions,
              (SELECT count(*) FROM "SearchDocument" d JOIN "Report" r ON r.id = d."reportId" AND r."committeeId" = d."committeeId"
                 AND r."publishedAt" = d."publishedAt" AND r."column" = d."column") AS documents,
              (SELECT count(*) FROM "Report" r WHERE NOT EXISTS (SELECT 1 FROM "Committee" c WHERE c.id = r."committeeId")
                 OR NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = r."authorId")) AS orphans`,
    );
    expect(counts).toEqual({ reports: 5000n, live: 5000n, revisions: 5000n, documents: 5000n, orphans: 0n });

    // Each committee's managed list holds the generated 栏目.
    const columns = await db.column.groupBy({ by: ["name"], where: { committee: { slug: { startsWith: "bench-" } } }, _count: true });
    expect(columns.map((c) => [c.name, c._count]).sort()).toEqual([["基层党建", 20], ["工作动态", 20], ["模范机关", 20], ["理论学习", 20]]);

    // A sample of search rows equals what the app would index from the live edition.
    const sample = await db.$queryRawUnsafe<
      { reportId: string; committeeId: string; column: string; year: number; headText: string; text: string; head: string; grams: string; title: string; kicker: string; subtitle: string; plainText: string; issueDate: Date; publishedAt: Date }[]
    >(
      `SELECT d."reportId", d."committeeId", d."column", d.year, d."headText", d."text", d."headGrams"::text AS head, d.grams::text AS grams,
              v.title, v.kicker, v.subtitle, v."plainText", v."issueDate", r."publishedAt"
         FROM "SearchDocument" d JOIN "Report" r ON r.id = d."reportId" JOIN "Revision" v ON v.id = r."liveRevisionId"
        ORDER BY md5(d."reportId") LIMIT 40`,
    );
    for (const row of sample) {
      const year = yearOf(row.issueDate, row.publishedAt);
      expect(row.year).toBe(year);
      const app = searchRow({ ...row, summary: "", originalTitle: "" }, { committeeId: row.committeeId, year, column: row.column });
      expect([row.headText, row.text]).toEqual([app.headText, app.text]);
      const [same] = await db.$queryRawUnsafe<{ head: boolean; full: boolean }[]>(
        `SELECT $1::tsvector = $2::tsvector AS head, $3::tsvector = $4::tsvector AS full`,
        row.head,
        app.headGrams,
        row.grams,
        app.grams,
      );
      expect(same).toEqual({ head: true, full: true });
    }
    // A generous deadline for a loaded machine, not a speed check (that is the benchmark's).
  }, 600_000);
});
