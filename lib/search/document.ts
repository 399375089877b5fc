// Writes and removes a report's row in the search index ("SearchDocument"). Called inside the
// publish transaction (lib/reports/publish-edition.ts), the unpublish transaction
// (lib/reports/unpublish-report.ts) and by the demo seed; the public search reads only this
// table, so what it finds is always a live edition.
//
// No "server-only" here: the seed and the benchmark generator run it outside Next.
import { liveReportSql } from "@/lib/public/live";
import { facetLexeme, gramsOf, foldAndSquash, vectorLiteral } from "./tokenize";

/** What a Prisma client or transaction offers that this module needs. */
export interface SqlRunner {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface IndexedFields {
  title: string;
  kicker: string;
  subtitle: string;
  summary: string;
  originalTitle: string;
  plainText: string;
}

export const TIME_ZONE_OFFSET_MS = 8 * 60 * 60 * 1000; // China Standard Time, no daylight saving

/** The year a reader sees on the report: its issue date's, else its first publication's (CST). */
export function yearOf(issueDate: Date | null, publishedAt: Date): number {
  if (issueDate) return issueDate.getUTCFullYear();
  return new Date(publishedAt.getTime() + TIME_ZONE_OFFSET_MS).getUTCFullYear();
}

export interface Facets {
  committeeId: string;
  year: number;
  column: string;
}

/** The filter lexemes of a document (see facetLexeme). */
export function facetLexemes(facets: Partial<Facets>): string[] {
  const out: string[] = [];
  if (facets.committeeId) out.push(facetLexeme("c", facets.committeeId));
  if (facets.year) out.push(facetLexeme("y", facets.year));
  if (facets.column && facetLexeme("k", facets.column) !== "_k") out.push(facetLexeme("k", facets.column));
  return out;
}

/** The row of a document in "SearchDocument" (see tokenize.ts for what the columns mean). */
export interface SearchRow {
  /** Folded title, kicker and subtitle, one per line: the "title hit" test */
  headText: string;
  /** Folded fields, one per line: the substring re-check of long terms, and ranking */
  text: string;
  /** tsvector literals: unigrams and bigrams of headText / text, plus the filter lexemes */
  headGrams: string;
  grams: string;
}

/**
 * Everything the search index keeps of a document. The one definition: the publish
 * transaction, the reindexing and the benchmark generator all call this.
 */
export function searchRow(fields: IndexedFields, facets: Partial<Facets> = {}): SearchRow {
  const filters = facetLexemes(facets);
  const head = [fields.title, fields.kicker, fields.subtitle].map(foldAndSquash);
  const rest = [fields.summary, fields.originalTitle, fields.plainText].map(foldAndSquash);
  return {
    headText: head.join("\n"),
    text: [...head, ...rest].join("\n"),
    headGrams: vectorLiteral([...gramsOf(head), ...filters]),
    grams: vectorLiteral([...gramsOf([...head, ...rest]), ...filters]),
  };
}

interface LiveRow extends IndexedFields {
  id: string;
  committeeId: string;
  column: string;
  issueDate: Date | null;
  publishedAt: Date;
}

const LIVE_ROW_COLUMNS = `r.id, r."committeeId", r."publishedAt", v.title, v.kicker, v.subtitle, v.summary,
            v."originalTitle", v."plainText", v."column", v."issueDate"`;

/** A timestamp(3) value as Prisma writes it (UTC), for an array parameter. */
const sqlTimestamp = (date: Date) => date.toISOString().replace("T", " ").replace("Z", "");

/**
 * Writes the rows of live editions, many in one statement (arrays unnested), replacing rows
 * already there. The one INSERT of the index: a publish writes one row, a reindex hundreds.
 */
async function upsertSearchRows(tx: SqlRunner, rows: LiveRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const row of rows) {
    const year = yearOf(row.issueDate, row.publishedAt);
    const doc = searchRow(row, { committeeId: row.committeeId, year, column: row.column });
    const values = [row.id, row.committeeId, row.column, year, sqlTimestamp(row.publishedAt), doc.headText, doc.text, doc.headGrams, doc.grams];
    values.forEach((value, i) => columns[i]!.push(value));
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "SearchDocument" ("reportId", "committeeId", "column", "year", "publishedAt",
                                   "headText", "text", "headGrams", "grams", "updatedAt")
     SELECT id, committee, col, yr, published, head, txt, head_grams::tsvector, grams::tsvector, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamp(3)[], $6::text[], $7::text[],
                   $8::text[], $9::text[]) AS u(id, committee, col, yr, published, head, txt, head_grams, grams)
     ON CONFLICT ("reportId") DO UPDATE SET
       "committeeId" = EXCLUDED."committeeId", "column" = EXCLUDED."column", "year" = EXCLUDED."year",
       "publishedAt" = EXCLUDED."publishedAt", "headText" = EXCLUDED."headText", "text" = EXCLUDED."text",
       "headGrams" = EXCLUDED."headGrams", "grams" = EXCLUDED."grams", "updatedAt" = now()`,
    ...columns,
  );
}

/**
 * Indexes the report's live edition (or removes its row when it has none). Call it after
 * Report.liveRevisionId and Report.publishedAt were written, in the same transaction.
 */
export async function indexPublishedReport(tx: SqlRunner, reportId: string): Promise<void> {
  const rows = await tx.$queryRawUnsafe<LiveRow[]>(
    `SELECT ${LIVE_ROW_COLUMNS}
       FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId"
      WHERE r.id = $1 AND ${liveReportSql("r")}`,
    reportId,
  );
  if (rows.length === 0) await removeFromSearchIndex(tx, reportId);
  else await upsertSearchRows(tx, rows);
}

/** Takes the report out of the search index (unpublish). */
export async function removeFromSearchIndex(tx: SqlRunner, reportId: string): Promise<void> {
  await tx.$executeRawUnsafe(`DELETE FROM "SearchDocument" WHERE "reportId" = $1`, reportId);
}

/** Live editions read and written per statement when the whole index is rebuilt. */
export const REINDEX_BATCH = 500;

/**
 * Rebuilds the whole index from the live editions, e.g. for a database published before
 * search existed: rows of reports no longer live go, every live report is written, in batches
 * of `batch` (REINDEX_BATCH) in id order (one statement to read a batch, one to write it), so a million
 * reports take minutes, not a statement each. `onProgress` hears the running total.
 * `missingOnly`: only live reports without a row are written, the rest left as they are (the
 * server's start, after a restore or an import of old data: a few missing rows cost a few writes).
 */
export async function reindexAllPublished(
  db: SqlRunner,
  {
    batch = REINDEX_BATCH,
    onProgress,
    missingOnly = false,
  }: { batch?: number; onProgress?: (indexed: number) => void; missingOnly?: boolean } = {},
): Promise<number> {
  await db.$executeRawUnsafe(
    `DELETE FROM "SearchDocument" d WHERE NOT EXISTS (
       SELECT 1 FROM "Report" r WHERE r.id = d."reportId" AND ${liveReportSql("r")})`,
  );
  const missing = missingOnly ? `AND NOT EXISTS (SELECT 1 FROM "SearchDocument" d WHERE d."reportId" = r.id)` : "";
  let indexed = 0;
  let after = "";
  for (;;) {
    const rows = await db.$queryRawUnsafe<LiveRow[]>(
      `SELECT ${LIVE_ROW_COLUMNS}
         FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId"
        WHERE ${liveReportSql("r")} AND r.id > $1 ${missing}
        ORDER BY r.id LIMIT $2`,
      after,
      batch,
    );
    if (rows.length === 0) return indexed;
    await upsertSearchRows(db, rows);
    indexed += rows.length;
    after = rows.at(-1)!.id;
    onProgress?.(indexed);
  }
}
