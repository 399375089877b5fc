// Keyset paging of the public lists (a committee's reports, a month of them, a 栏目): newest
// first by (publishedAt, id), a page seeks to its position through an index instead of
// skipping rows, so page 5,000 costs what page 1 costs. A page's address names where it starts:
//   /committees/xiamen                    the newest page
//   /committees/xiamen?before=<cursor>    the page of reports older than the cursor
//   /committees/xiamen?after=<cursor>     the page of reports newer than the cursor
// A cursor is a report's first-publication time (ms) and id: "1714525323456.clx0abc". Pure
// (no database): the SQL is run by lib/public/published-reports.ts.

export interface Cursor {
  publishedAt: Date;
  id: string;
}

/** Where a page starts: the newest reports, or older / newer than a report. */
export type Position = { kind: "newest" } | { kind: "before"; cursor: Cursor } | { kind: "after"; cursor: Cursor };

export const NEWEST: Position = { kind: "newest" };

const CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/;

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.publishedAt.getTime()}.${cursor.id}`;
}

export function decodeCursor(text: string): Cursor | null {
  const match = CURSOR.exec(text);
  if (!match) return null;
  const publishedAt = new Date(Number(match[1]));
  return Number.isNaN(publishedAt.getTime()) ? null : { publishedAt, id: match[2]! };
}

type Param = string | string[] | undefined;

/**
 * The position a page's query names (`before` or `after`), the newest page without either,
 * or null when the query is malformed (both, repeated, or not a cursor): that answers 404.
 */
export function positionFromQuery(query: { before?: Param; after?: Param }): Position | null {
  const { before, after } = query;
  if (before === undefined && after === undefined) return NEWEST;
  if (before !== undefined && after !== undefined) return null;
  const value = before ?? after;
  if (typeof value !== "string") return null;
  const cursor = decodeCursor(value);
  if (!cursor) return null;
  return before !== undefined ? { kind: "before", cursor } : { kind: "after", cursor };
}

/** The query string of a position ("" for the newest page). */
export function positionQuery(position: Position): string {
  return position.kind === "newest" ? "" : `?${position.kind}=${encodeCursor(position.cursor)}`;
}

/** A table of live reports to page through: the column names of its sort key and its filter. */
export interface ListingSource {
  /** FROM clause, e.g. `"Report" r` */
  from: string;
  publishedAt: string;
  id: string;
  /** SQL conditions with $n placeholders numbered from 1, and their values */
  where: string;
  params: unknown[];
}

export interface ListingQuery {
  sql: string;
  params: unknown[];
}

/**
 * One statement giving the ids on the page at `position` (one more than a page, to tell
 * whether another page follows) and, past a cursor, whether anything lies on the other side:
 * rows tagged 'page' and at most one tagged 'beyond'. Row comparisons let PostgreSQL seek the
 * (filter…, publishedAt, id) index straight to the cursor.
 */
export function listingQuery(source: ListingSource, position: Position, pageSize: number): ListingQuery {
  const key = `(${source.publishedAt}, ${source.id})`;
  const select = `SELECT ${source.id} AS id, ${source.publishedAt} AS "publishedAt"`;
  const base = `FROM ${source.from} WHERE ${source.where}`;
  const desc = `ORDER BY ${source.publishedAt} DESC, ${source.id} DESC`;
  const asc = `ORDER BY ${source.publishedAt} ASC, ${source.id} ASC`;
  if (position.kind === "newest") {
    return { sql: `${select}, 'page' AS part ${base} ${desc} LIMIT ${pageSize + 1}`, params: source.params };
  }
  const n = source.params.length;
  const cursor = `($${n + 1}::timestamp(3), $${n + 2}::text)`;
  // As text: a `timestamp` column holds UTC, and the cast ignores the "Z".
  const params = [...source.params, position.cursor.publishedAt.toISOString(), position.cursor.id];
  const [pageOp, beyondOp, pageOrder, beyondOrder] = position.kind === "before" ? ["<", ">=", desc, asc] : [">", "<=", asc, desc];
  return {
    sql:
      `(${select}, 'page' AS part ${base} AND ${key} ${pageOp} ${cursor} ${pageOrder} LIMIT ${pageSize + 1})` +
      ` UNION ALL (${select}, 'beyond' AS part ${base} AND ${key} ${beyondOp} ${cursor} ${beyondOrder} LIMIT 1)`,
    params,
  };
}

export interface ListingRow {
  id: string;
  publishedAt: Date;
  part: "page" | "beyond";
}

export interface ListingPage {
  /** Ids on the page, newest first */
  ids: string[];
  /** The cursor of the link to older reports (the page's last), when there are any */
  older: Cursor | null;
  /** The cursor of the link to newer reports (the page's first), when there are any */
  newer: Cursor | null;
  /** An "after" page that reached the newest reports: the newest page shows them (redirect there). */
  atNewest: boolean;
}

/** The page the rows of listingQuery make. */
export function listingPage(rows: readonly ListingRow[], position: Position, pageSize: number): ListingPage {
  const page = rows.filter((r) => r.part === "page");
  const beyond = rows.some((r) => r.part === "beyond");
  const more = page.length > pageSize;
  const shown = page.slice(0, pageSize);
  // An "after" page was read oldest first.
  if (position.kind === "after") shown.reverse();
  const first = shown[0];
  const last = shown[shown.length - 1];
  const cursorOf = (r: ListingRow): Cursor => ({ publishedAt: r.publishedAt, id: r.id });
  const hasOlder = position.kind === "after" ? beyond : more;
  const hasNewer = position.kind === "newest" ? false : position.kind === "after" ? more : beyond;
  return {
    ids: shown.map((r) => r.id),
    older: hasOlder && last ? cursorOf(last) : null,
    newer: hasNewer && first ? cursorOf(first) : null,
    atNewest: position.kind === "after" && !more,
  };
}

/** The statement finding the cursor that starts old-style page `page` (1-based) of a source, for a redirect. */
export function pageStartQuery(source: ListingSource, page: number, pageSize: number): ListingQuery {
  return {
    sql: `SELECT ${source.id} AS id, ${source.publishedAt} AS "publishedAt" FROM ${source.from} WHERE ${source.where}
          ORDER BY ${source.publishedAt} DESC, ${source.id} DESC OFFSET ${(page - 1) * pageSize - 1} LIMIT 1`,
    params: source.params,
  };
}
