// Search over the live editions (the "SearchDocument" index), with filters, ranking,
// pagination and highlighted snippets. What matches is defined in tokenize.ts (every term a
// substring of the folded fields); how the index finds it, in query.ts.
//
// Order: title hits (every term in the title, kicker or subtitle) first, then the others.
// When a query matches at most RANK_TEXT_LIMIT reports, each tier is ordered by how often
// the terms occur, then by recency; larger result sets by recency within each tier (counting
// occurrences means reading every match's text). The count is exact up to COUNT_LIMIT,
// which is also as deep as the pages go.
//
// Plans. The cost of a GIN lookup grows with the matches of its lexemes (a character in nine
// reports in ten is ~900,000 postings at 1,000,000 reports), and the cost of testing a report
// by its text is a read of that text (~10 µs). So a query first reads the newest PROBE_ROWS
// reports (with the filters) and tests them:
//   - dense in them, and also in the newest PROBE_ROWS reports published a year earlier (a
//     word only of this month is not broad): more than COUNT_LIMIT matches, taken for granted
//     when the probes' density times the filtered reports (the planner's estimate) is at least
//     BROAD_ESTIMATE, or at least THIRD_PROBE_ESTIMATE and a third, larger probe agrees; the
//     pages come from walking the newest reports (title hits by the title text, which is
//     stored in the row; the others by the body), never from the GIN index;
//   - otherwise the GIN index counts the matches (at most COUNT_LIMIT + 1), and either ranks
//     them all or, for more, walks as above.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { liveReportSql } from "@/lib/public/live";
import { facetLexemes, TIME_ZONE_OFFSET_MS } from "./document";
import { parseQuery, type ParsedQuery } from "./query";
import { highlightAll, makeSnippet, type TextPart } from "./snippet";
import { quoteLexeme } from "./tokenize";

export const PAGE_SIZE = 10;
/** Pages beyond this are not served (deep pages of a broad query cost the most). */
export const MAX_PAGE = 100;
/** Counting stops here: MAX_PAGE pages of PAGE_SIZE cannot show more. */
export const COUNT_LIMIT = MAX_PAGE * PAGE_SIZE;
/** Up to this many matches are ordered by occurrences (reading each match's text). */
export const RANK_TEXT_LIMIT = 200;
/**
 * A transaction (for its SET LOCAL) that may wait for a pooled connection and run longer than
 * Prisma's defaults (2 s, 5 s) when many searches arrive at once, rather than fail.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 };
/** Reports read by each density probe. */
export const PROBE_ROWS = 100;
/**
 * A probe with at least this share of matches finds a dense query: two in a probe of 100, in
 * each of the two probes. A query in fewer than one report in a thousand (at most 1,000 at a
 * million) shows that twice with a chance of about 2 in 100,000, and then only its count is
 * off ("1000+"), never its pages. At 5 %, queries in 2–5 % of the reports (作风建设, 12345) were
 * counted through the GIN index: 65,000 candidates, 140–340 ms at a million.
 */
const BROAD_DENSITY = 0.02;
/** Density × filtered reports at least this: more than COUNT_LIMIT matches without counting. */
const BROAD_ESTIMATE = 4 * COUNT_LIMIT;
/**
 * Density × filtered reports between this and BROAD_ESTIMATE: likely more than COUNT_LIMIT
 * matches, but not by the margin two probes of 100 need. A third probe of THIRD_PROBE_ROWS,
 * further back, decides at this smaller margin: 400 reports read (~7 ms at a million) instead of
 * a GIN count of a word in 2–8 % of the filter's reports (~60 ms, 12 % of the throughput
 * benchmark's searches). Wrongly broad needs all three probes at twice the true density, so
 * only near the threshold (a word in ~1,000 reports, one chance in several thousand there),
 * where "1000+" is then shown for a count just under 1,000.
 */
const THIRD_PROBE_ESTIMATE = 2 * COUNT_LIMIT;
const THIRD_PROBE_ROWS = 400;
/** The second probe starts this long before the first one's oldest report. */
const SECOND_PROBE_GAP_MS = 365 * 24 * 3600 * 1000;
/** Walks of the newest reports: for title hits (title text only, cheap per row) … */
const TITLE_WALK_ROWS = 5_000;
/** … and for the other hits (reads each report's text). */
const OTHER_WALK_MAX_ROWS = 4_000;

export interface SearchFilters {
  committeeId?: string | null;
  year?: number | null;
  column?: string | null;
}

export interface SearchHit {
  id: string;
  title: TextPart[];
  kicker: string;
  snippet: TextPart[];
  committee: { slug: string; name: string; city: string };
  column: string;
  publishedAt: Date;
  issueDate: Date | null;
}

export interface SearchResult {
  /** The query as kept in the search box */
  query: string;
  /** False when nothing searchable was typed (empty, only punctuation or emoji …) */
  searched: boolean;
  total: number;
  /** True when there are more than COUNT_LIMIT results (total is then COUNT_LIMIT) */
  totalIsLowerBound: boolean;
  page: number;
  pageCount: number;
  hits: SearchHit[];
}

/** A page number from the URL: 1 unless a whole number between 1 and MAX_PAGE. */
export function parsePage(raw: unknown): number {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || !/^\d{1,4}$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 && page <= MAX_PAGE ? page : 1;
}

interface Plan {
  parsed: ParsedQuery & { tsquery: string };
  filters: SearchFilters;
  /** Exact filter conditions on `d` that leave the planner free to use the btree indexes */
  walkWhere: Prisma.Sql;
  /** The same conditions hidden from the btree indexes (the GIN query answers them) */
  ginWhere: Prisma.Sql;
  /** The tsquery with the filters' lexemes */
  match: string;
}

function plan(parsed: ParsedQuery & { tsquery: string }, filters: SearchFilters): Plan {
  const lexemes = facetLexemes({
    committeeId: filters.committeeId ?? undefined,
    year: filters.year ?? undefined,
    column: filters.column ?? undefined,
  });
  return {
    parsed,
    filters,
    walkWhere: filterConditions(filters, false),
    ginWhere: filterConditions(filters, true),
    match: [parsed.tsquery, ...lexemes.map(quoteLexeme)].join(" & "),
  };
}

/** The filters as conditions on `d`; `hide`: hidden from the btree indexes (see Plan). */
function filterConditions(filters: SearchFilters, hide: boolean): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.committeeId) parts.push(hide ? Prisma.sql`AND (d."committeeId" || '') = ${filters.committeeId}` : Prisma.sql`AND d."committeeId" = ${filters.committeeId}`);
  if (filters.year) parts.push(hide ? Prisma.sql`AND (d.year + 0) = ${filters.year}` : Prisma.sql`AND d.year = ${filters.year}`);
  if (filters.column) parts.push(hide ? Prisma.sql`AND (d."column" || '') = ${filters.column}` : Prisma.sql`AND d."column" = ${filters.column}`);
  return parts.length > 0 ? Prisma.join(parts, " ") : Prisma.empty;
}

/** `strpos(column, term) > 0` for every term: the definition of a match (true for no terms). */
function contains(column: Prisma.Sql, terms: string[]): Prisma.Sql {
  if (terms.length === 0) return Prisma.sql`true`;
  return Prisma.join(
    terms.map((term) => Prisma.sql`strpos(${column}, ${term}) > 0`),
    " AND ",
  );
}

const TEXT = Prisma.raw(`d."text"`);
const HEAD = Prisma.raw(`d."headText"`);
const W_TEXT = Prisma.raw(`w."text"`);
const W_HEAD = Prisma.raw(`w."headText"`);

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

interface Walked {
  /** Matches among the walked reports, newest first */
  hits: { id: string; head: boolean }[];
  /** How many reports were read (fewer than asked: every report of the filter was read) */
  walked: number;
  /** publishedAt of the oldest report read */
  oldest: Date | null;
}

/**
 * The planner settings of the rest of a search's transaction: a sequential scan would read every
 * report's text (never), and compiling a plan costs more than running it. Set by the first probe,
 * as columns of its one row (a statement saved per search); the probe itself is planned with the
 * defaults, which read the newest reports by a btree index all the same.
 */
const SETTINGS_FOR_THE_REST = Prisma.sql`, set_config('enable_seqscan', 'off', true) AS seqscan, set_config('jit', 'off', true) AS jit`;

/**
 * Reads the newest `rows` reports of the filter (published before `before`) and tests each.
 * `first`: the first statement of the transaction, which also sets SETTINGS_FOR_THE_REST.
 */
async function walk(tx: Tx, p: Plan, limit: number, before: Date | null = null, first = false): Promise<Walked> {
  const terms = p.parsed.terms;
  const rows = await tx.$queryRaw<{ walked: number; oldest: Date | null; hits: [string, boolean][] }[]>`
    SELECT count(*)::int AS walked, min(w."publishedAt") AS oldest,
           coalesce(json_agg(json_build_array(w.id, w.head) ORDER BY w."publishedAt" DESC, w.id DESC) FILTER (WHERE w.hit), '[]') AS hits
           ${first ? SETTINGS_FOR_THE_REST : Prisma.empty}
      FROM (
        SELECT d."reportId" AS id, d."publishedAt", ${contains(HEAD, terms)} AS head,
               CASE WHEN ${contains(HEAD, terms)} THEN true ELSE ${contains(TEXT, terms)} END AS hit
          FROM (SELECT * FROM "SearchDocument" d WHERE true ${p.walkWhere}
                  ${before ? Prisma.sql`AND d."publishedAt" < ${before}` : Prisma.empty}
                 ORDER BY d."publishedAt" DESC, d."reportId" DESC LIMIT ${limit}) d
      ) w`;
  const row = rows[0];
  const hits = (row?.hits ?? []).map(([id, head]) => ({ id, head }));
  const walked = row?.walked ?? 0;
  const oldest = row?.oldest ?? null;
  return { hits, walked, oldest };
}

/**
 * Every match of a query, unordered (the GIN lookup with its re-check, as the count and the
 * ranking use it). For tests and the benchmark's recall check; the site reads pages.
 */
export async function matchingIds(db: Db, q: unknown, filters: SearchFilters = {}, within?: string[]): Promise<string[]> {
  const parsed = parseQuery(q);
  if (!parsed.tsquery) return [];
  const p = plan({ ...parsed, tsquery: parsed.tsquery }, filters);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT d."reportId" AS id FROM "SearchDocument" d
       WHERE d.grams @@ ${p.match}::tsquery AND ${contains(TEXT, parsed.recheck)} ${p.ginWhere}
         ${within ? Prisma.sql`AND d."reportId" = ANY(${within})` : Prisma.empty}`;
    return rows.map((r) => r.id);
    // A check of recall, not a reader's search: at a million reports a one-character query
    // reads most of the index (seconds).
  }, { maxWait: 10_000, timeout: 300_000 });
}

/** Ids of one page of matches, in rank order, and the (capped) number of matches. */
export async function matchPage(
  db: Db,
  parsed: ParsedQuery & { tsquery: string },
  filters: SearchFilters,
  page: number,
): Promise<{ ids: string[]; total: number }> {
  const p = plan(parsed, filters);
  const offset = (page - 1) * PAGE_SIZE;
  const wanted = offset + PAGE_SIZE;
  return db.$transaction(async (tx) => {
    const probe = await walk(tx, p, PROBE_ROWS, null, true);
    if (probe.walked < PROBE_ROWS) {
      // The filter holds fewer reports than a probe reads: they are all known.
      const total = probe.hits.length;
      if (total <= RANK_TEXT_LIMIT && total > PAGE_SIZE) return { ids: await rankAll(tx, p, total, offset), total };
      return { ids: ordered(probe.hits).slice(offset, wanted).map((h) => h.id), total };
    }
    let broad = false;
    if (probe.hits.length >= BROAD_DENSITY * PROBE_ROWS && probe.oldest) {
      const earlier = await walk(tx, p, PROBE_ROWS, earlierProbeStart(p.filters, probe.oldest));
      const density = Math.min(probe.hits.length / PROBE_ROWS, earlier.hits.length / Math.max(1, earlier.walked));
      if (earlier.walked > 0 && density >= BROAD_DENSITY) {
        const reports = await filteredReports(tx, p.filters);
        broad = density * reports >= BROAD_ESTIMATE;
        if (!broad && density * reports >= THIRD_PROBE_ESTIMATE && earlier.oldest) {
          const third = await walk(tx, p, THIRD_PROBE_ROWS, earlierProbeStart(p.filters, earlier.oldest));
          broad = third.walked === THIRD_PROBE_ROWS && Math.min(density, third.hits.length / THIRD_PROBE_ROWS) * reports >= THIRD_PROBE_ESTIMATE;
        }
      }
    }
    let total = COUNT_LIMIT + 1;
    if (!broad) {
      const counted = await tx.$queryRaw<{ total: number }[]>`
        SELECT count(*)::int AS total FROM (
          SELECT 1 FROM "SearchDocument" d
           WHERE d.grams @@ ${p.match}::tsquery AND ${contains(TEXT, parsed.recheck)} ${p.ginWhere}
           LIMIT ${COUNT_LIMIT + 1}
        ) m`;
      total = counted[0]?.total ?? 0;
      if (total === 0 || offset >= total) return { ids: [], total };
      if (total <= COUNT_LIMIT) return { ids: await rankAll(tx, p, total, offset), total };
    }
    return { ids: await newestFirst(tx, p, wanted, offset, probe), total };
  }, TRANSACTION_OPTIONS);
}

/**
 * Where the next probe starts (the second after the first, the third after the second):
 * SECOND_PROBE_GAP_MS before the previous probe's oldest report;
 * under a year filter, whose reports lie within that year, halfway back to the year's start
 * instead (a year back, the probe would read none of them: a dense word was never broad, and
 * its count went through the GIN index, 50 ms for 学习 in 2022 at a million reports).
 */
function earlierProbeStart(filters: SearchFilters, oldest: Date): Date {
  if (!filters.year) return new Date(oldest.getTime() - SECOND_PROBE_GAP_MS);
  const yearStart = Date.UTC(filters.year, 0, 1) - TIME_ZONE_OFFSET_MS;
  return new Date(oldest.getTime() - Math.max(0, oldest.getTime() - yearStart) / 2);
}

/** Title hits first, newest first within each tier (the walk's order is newest first). */
function ordered(hits: { id: string; head: boolean }[]) {
  return [...hits.filter((h) => h.head), ...hits.filter((h) => !h.head)];
}

/**
 * How many reports the filter holds, as the planner estimates it from the table's statistics
 * (ANALYZE, which autovacuum repeats as the table changes): a count would read every report of
 * the filter, 50,000–85,000 of one committee or year at a million, and one capped low enough to
 * be cheap made a word in one report in ten never broad (its matches were then counted through
 * the GIN index, ~55 ms, in a third of the searches of the throughput benchmark). Only whether
 * the count goes through the GIN index depends on it, never what the pages show.
 */
export async function filteredReports(tx: Pick<Db, "$queryRaw">, filters: SearchFilters): Promise<number> {
  if (!filters.committeeId && !filters.year && !filters.column) {
    const rows = await tx.$queryRaw<{ n: number }[]>`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = '"SearchDocument"'::regclass`;
    return rows[0]?.n ?? 0;
  }
  const rows = await tx.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM "SearchDocument" d WHERE true ${filterConditions(filters, false)}`;
  return rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
}

/** All matches (at most COUNT_LIMIT) ranked: title hits, then occurrences (small sets), then recency. */
async function rankAll(tx: Tx, p: Plan, total: number, offset: number): Promise<string[]> {
  const terms = p.parsed.terms;
  const occurrences =
    total <= RANK_TEXT_LIMIT
      ? Prisma.sql`(${Prisma.join(
          terms.map((t) => Prisma.sql`(length(d."text") - length(replace(d."text", ${t}, ''))) / ${[...t].length}::int`),
          " + ",
        )}) DESC,`
      : Prisma.empty;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT d."reportId" AS id FROM "SearchDocument" d
     WHERE d.grams @@ ${p.match}::tsquery AND ${contains(TEXT, p.parsed.recheck)} ${p.ginWhere}
     ORDER BY (${contains(HEAD, terms)}) DESC, ${occurrences} d."publishedAt" DESC, d."reportId" DESC
     LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
  return rows.map((r) => r.id);
}

/**
 * More than COUNT_LIMIT matches: the newest `wanted` title hits, then (when there are fewer)
 * the newest other hits; each by walking the newest reports, else by the GIN index.
 */
async function newestFirst(tx: Tx, p: Plan, wanted: number, offset: number, probe: Walked): Promise<string[]> {
  const terms = p.parsed.terms;
  const probeTitles = probe.hits.filter((h) => h.head);
  let titles: { id: string }[] = probeTitles.length >= wanted ? probeTitles.slice(0, wanted) : [];
  // Walk when the probe's title hits promise `wanted` of them within TITLE_WALK_ROWS (the title
  // text is in the row: no read of the body); else the GIN index of the titles, whose postings
  // are few for a word that is rare in titles.
  const titleRows = probeTitles.length > 0 ? Math.ceil((2 * wanted * PROBE_ROWS) / probeTitles.length) : Infinity;
  if (titles.length < wanted && titleRows <= TITLE_WALK_ROWS) {
    titles = await tx.$queryRaw<{ id: string }[]>`
      SELECT w.id FROM (
        SELECT d."reportId" AS id, d."publishedAt", d."headText" FROM "SearchDocument" d WHERE true ${p.walkWhere}
         ORDER BY d."publishedAt" DESC, d."reportId" DESC LIMIT ${Math.max(titleRows, PROBE_ROWS * 2)}
      ) w WHERE ${contains(W_HEAD, terms)}
      ORDER BY w."publishedAt" DESC, w.id DESC LIMIT ${wanted}`;
  }
  if (titles.length < wanted) {
    titles = await tx.$queryRaw<{ id: string }[]>`
      SELECT d."reportId" AS id FROM "SearchDocument" d
       WHERE d."headGrams" @@ ${p.match}::tsquery AND ${contains(HEAD, terms)} ${p.ginWhere}
       ORDER BY d."publishedAt" DESC, d."reportId" DESC LIMIT ${wanted}`;
  }
  const need = wanted - titles.length;
  let others: { id: string }[] = [];
  if (need > 0) {
    const probeOthers = probe.hits.filter((h) => !h.head);
    if (probeOthers.length >= need) others = probeOthers.slice(0, need);
    else {
      const density = Math.max(probeOthers.length, 1) / PROBE_ROWS;
      const rows = Math.min(OTHER_WALK_MAX_ROWS, Math.max(PROBE_ROWS * 2, Math.ceil((2 * need) / density)));
      others = await tx.$queryRaw<{ id: string }[]>`
        SELECT w.id FROM (
          SELECT d."reportId" AS id, d."publishedAt", d."headText", d."text" FROM "SearchDocument" d WHERE true ${p.walkWhere}
           ORDER BY d."publishedAt" DESC, d."reportId" DESC LIMIT ${rows}
        ) w WHERE NOT (${contains(W_HEAD, terms)}) AND ${contains(W_TEXT, terms)}
        ORDER BY w."publishedAt" DESC, w.id DESC LIMIT ${need}`;
      if (others.length < need) {
        // Sparser than that: every match, sorted by date.
        others = await tx.$queryRaw<{ id: string }[]>`
          SELECT d."reportId" AS id FROM "SearchDocument" d
           WHERE d.grams @@ ${p.match}::tsquery AND ${contains(TEXT, p.parsed.recheck)}
             AND NOT (${contains(HEAD, terms)}) ${p.ginWhere}
           ORDER BY d."publishedAt" DESC, d."reportId" DESC LIMIT ${need}`;
      }
    }
  }
  return [...titles, ...others].slice(offset, wanted).map((r) => r.id);
}

/** What a hit shows, read from the live edition. */
interface HitRow {
  id: string;
  publishedAt: Date;
  slug: string;
  name: string;
  city: string;
  title: string;
  kicker: string;
  subtitle: string;
  summary: string;
  plainText: string;
  issueDate: Date | null;
  column: string;
}

const LIVE = Prisma.raw(liveReportSql("r"));

export async function searchReports(
  db: Db,
  input: { q: unknown; page?: number; filters?: SearchFilters },
): Promise<SearchResult> {
  const parsed = parseQuery(input.q);
  const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1) || 1), MAX_PAGE);
  const empty: SearchResult = {
    query: parsed.text,
    searched: parsed.tsquery !== null,
    total: 0,
    totalIsLowerBound: false,
    page,
    pageCount: 0,
    hits: [],
  };
  if (!parsed.tsquery) return empty;

  const { ids, total } = await matchPage(db, { ...parsed, tsquery: parsed.tsquery }, input.filters ?? {}, page);
  const pageCount = Math.min(MAX_PAGE, Math.ceil(total / PAGE_SIZE));
  if (ids.length === 0) return { ...empty, total, totalIsLowerBound: total > COUNT_LIMIT, pageCount };

  // One statement for the page's reports (a relation query through the client costs several
  // times the CPU, per search).
  const rows = await db.$queryRaw<HitRow[]>`
    SELECT r.id, r."publishedAt", c.slug, c.name, c.city,
           v.title, v.kicker, v.subtitle, v.summary, v."plainText", v."issueDate", v."column"
      FROM "Report" r
      JOIN "Revision" v ON v.id = r."liveRevisionId"
      JOIN "Committee" c ON c.id = r."committeeId"
     WHERE r.id = ANY(${ids}) AND ${LIVE}`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const hits: SearchHit[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue;
    const body = [row.subtitle, row.summary, row.plainText].filter(Boolean).join("\n");
    hits.push({
      id,
      title: highlightAll(row.title, parsed.highlights),
      kicker: row.kicker,
      snippet: makeSnippet(body, parsed.highlights),
      committee: { slug: row.slug, name: row.name, city: row.city },
      column: row.column,
      publishedAt: row.publishedAt,
      issueDate: row.issueDate,
    });
  }
  return {
    query: parsed.text,
    searched: true,
    total: Math.min(total, COUNT_LIMIT),
    totalIsLowerBound: total > COUNT_LIMIT,
    page,
    pageCount,
    hits,
  };
}
