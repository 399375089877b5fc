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

const TIME_ZONE_OFFSET_MS = 8 * 60 * 60 * 1000; // China Standard Time, no daylight saving

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
  committeeId: string;
  column: string;
  issueDate: Date | null;
  publishedAt: Date;
}

/**
 * Indexes the report's live edition (or removes its row when it has none). Call it after
 * Report.liveRevisionId and Report.publishedAt were written, in the same transaction.
 */
export async function indexPublishedReport(tx: SqlRunner, reportId: string): Promise<void> {
  const rows = await tx.$queryRawUnsafe<LiveRow[]>(
    `SELECT r."committeeId", r."publishedAt", v.title, v.kicker, v.subtitle, v.summary,
            v."originalTitle", v."plainText", v."column", v."issueDate"
       FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId"
      WHERE r.id = $1 AND ${liveReportSql("r")}`,
    reportId,
  );
  const row = rows[0];
  if (!row) {
    await removeFromSearchIndex(tx, reportId);
    return;
  }
  const year = yearOf(row.issueDate, row.publishedAt);
  const doc = searchRow(row, { committeeId: row.committeeId, year, column: row.column });
  await tx.$executeRawUnsafe(
    `INSERT INTO "SearchDocument" ("reportId", "committeeId", "column", "year", "publishedAt",
                                   "headText", "text", "headGrams", "grams", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::tsvector, $9::tsvector, now())
     ON CONFLICT ("reportId") DO UPDATE SET
       "committeeId" = EXCLUDED."committeeId", "column" = EXCLUDED."column", "year" = EXCLUDED."year",
       "publishedAt" = EXCLUDED."publishedAt", "headText" = EXCLUDED."headText", "text" = EXCLUDED."text",
       "headGrams" = EXCLUDED."headGrams", "grams" = EXCLUDED."grams", "updatedAt" = now()`,
    reportId,
    row.committeeId,
    row.column,
    year,
    row.publishedAt,
    doc.headText,
    doc.text,
    doc.headGrams,
    doc.grams,
  );
}

/** Takes the report out of the search index (unpublish). */
export async function removeFromSearchIndex(tx: SqlRunner, reportId: string): Promise<void> {
  await tx.$executeRawUnsafe(`DELETE FROM "SearchDocument" WHERE "reportId" = $1`, reportId);
}

/** Rebuilds the whole index from the live editions, e.g. for a database published before search existed. */
export async function reindexAllPublished(db: SqlRunner): Promise<number> {
  const ids = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM "Report" WHERE ${liveReportSql()}`,
  );
  await db.$executeRawUnsafe(
    `DELETE FROM "SearchDocument" d WHERE NOT EXISTS (
       SELECT 1 FROM "Report" r WHERE r.id = d."reportId" AND ${liveReportSql("r")})`,
  );
  for (const { id } of ids) await indexPublishedReport(db, id);
  return ids.length;
}
