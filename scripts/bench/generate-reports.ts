// Fills a database with many realistic published reports for the benchmarks: committees of 20
// cities, a few authors each, the four 栏目 on every committee's managed list, and per report a
// Report, its PUBLISH Revision (the live edition) and its SearchDocument row, built from the
// vocabulary of the five sample texts (their headings become titles, their paragraphs bodies,
// the sample's city is replaced by the committee's). Dates spread over 2015–2026.
//
// Fast enough for 1,000,000 reports: rows go in with COPY … FROM STDIN (pg-copy-streams) on
// two connections at once (Report, SearchDocument), each chunk's Revisions then copied from its
// Reports inside the database (INSERT … SELECT: no second parse of the same text, and the
// compressed values are kept, ~60 % less work than a third COPY), with the tables' secondary
// indexes dropped during the load and rebuilt afterwards (several at a time), and foreign-key
// triggers off for the loading sessions (session_replication_role = replica: the generator
// writes consistent rows; needs a superuser, as the embedded PostgreSQL's user is). The search
// rows are the app's own (lib/search/document.ts searchRow); VectorBuilder below gives the same
// rows from per-string folds and gram lists computed once, which a test checks.
//
// Each report is drawn from its own seed (its sequence number), so a run is deterministic and
// independent of batch sizes.
//
//   npx tsx scripts/bench/generate-reports.ts <DATABASE_URL> [count=100000] [--no-search]
//   GENERATE_WORKERS=3 npx tsx …   (processes generating at once; default 2)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { facetLexemes, searchRow, yearOf, type Facets, type SearchRow } from "../../lib/search/document";
import { foldAndSquash, gramsOf, vectorLiteral } from "../../lib/search/tokenize";

export const GENERATED_COLUMNS = ["工作动态", "理论学习", "基层党建", "模范机关"] as const;

const CITIES: [slug: string, city: string][] = [
  ["xiamen", "厦门"], ["fuzhou", "福州"], ["zhangzhou", "漳州"], ["zhuzhou", "株洲"], ["quanzhou", "泉州"],
  ["putian", "莆田"], ["sanming", "三明"], ["nanping", "南平"], ["longyan", "龙岩"], ["ningde", "宁德"],
  ["changsha", "长沙"], ["xiangtan", "湘潭"], ["hengyang", "衡阳"], ["yueyang", "岳阳"], ["changde", "常德"],
  ["ganzhou", "赣州"], ["jiujiang", "九江"], ["shantou", "汕头"], ["wenzhou", "温州"], ["taizhou", "台州"],
];
const SAMPLE_CITIES = ["厦门", "福州", "漳州", "株洲"];
/** Sentences with Latin letters and digits, mixed into some bodies as real reports have them. */
const EXTRA_SENTENCES = [
  "全年地区生产总值(GDP)增长6.5%，机关党建与业务工作深度融合。",
  "依托5G网络和“智慧党建”APP，开展线上主题党日活动120余场。",
  "组织党员干部观看VR党史展览，打造H5互动答题平台，参与人数超过2万人次。",
  "市直机关12345热线办件满意率达到98.6%，群众获得感不断增强。",
  "制作微党课MV作品30部，在“学习强国”平台发布。",
  "聚焦AI赋能政务服务，推进“一网通办”改革，办事时限压缩60%。",
];

export interface GenerateOptions {
  count: number;
  seed?: number;
  log?: (line: string) => void;
  /** Reports per COPY statement (a transaction each); default 20,000. */
  chunkSize?: number;
  /** Processes generating and loading at once (GENERATE_WORKERS, default 2); 1 = in this process. */
  workers?: number;
  /** Write SearchDocument rows (default); false leaves search out (page benchmarks, ~⅔ less work and disk). */
  search?: boolean;
}

/** A small deterministic PRNG (mulberry32), so two runs generate the same reports. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Vocabulary {
  headings: string[];
  paragraphs: string[];
}

/** Headings (short lines) and paragraphs of the sample texts, markup and redactions removed. */
export function sampleVocabulary(): Vocabulary {
  const dir = path.join(process.cwd(), "prisma", "seed-data", "samples");
  const lines = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").split(/\n+/))
    .map((line) =>
      line
        .replace(/^#+\s*/, "")
        .replace(/^\d+\s+/, "")
        .replace(/\*+/g, "")
        .trim(),
    )
    .filter((line) => line.length > 0);
  const headings = lines.filter((l) => l.length >= 6 && l.length <= 24 && !/[。；：:，,]$/.test(l) && !/^[▲(（]/.test(l));
  const paragraphs = lines.filter((l) => l.length > 60);
  return { headings: [...new Set(headings)], paragraphs: [...new Set(paragraphs)] };
}

// ---------------------------------------------------------------------------------------------
// Search rows, fast. searchRow (lib/search/document.ts) folds every field and collects its
// unigrams and bigrams; a generated report is a few strings out of a small vocabulary, so the
// folded form and the grams of each string are made once and reused. Joining the grams of the
// strings is exact because a space or newline always separates them (no bigram spans it).
//
// The vectors go to PostgreSQL sorted as it keeps them and without repeats: tsvector input
// sorts what it reads (qsort with a string comparison per step) and drops repeats, and for an
// input already in order that sort is one pass. Measured on 20,000 rows copied alone, that is
// 45 % less PostgreSQL time. The order is by rank in a dictionary of every lexeme seen so far,
// kept in PostgreSQL's order (bytes of UTF-8, a shorter prefix first: code point order).

/** Code point order of two strings (UTF-8 byte order, as tsvector sorts its lexemes), not UTF-16's. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral characters) sort after U+E000–U+FFFF in code point order.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

export class VectorBuilder {
  /** Set when the fast rows no longer match the app's searchRow: then the app's is used. */
  private useApp = false;
  private folded = new Map<string, string>();
  /** Every lexeme seen, in PostgreSQL's order; rank = index. */
  private lexemes: string[] = [];
  private quoted: string[] = [];
  private rankOf = new Map<string, number>();
  /** The ranks of each string's grams (or of a facet list), emptied when ranks change. */
  private ranks = new Map<string, Uint32Array>();
  private marks = new Uint32Array(4096);
  private stamp = 0;
  /** Counts renumberings: ranks taken before one are stale. */
  private edition = 0;

  private fold(text: string): string {
    let out = this.folded.get(text);
    if (out === undefined) this.folded.set(text, (out = foldAndSquash(text)));
    return out;
  }

  /** Ranks of `lexemes`, adding those not seen before to the dictionary (which renumbers it). */
  private rank(key: string, lexemes: () => string[]): Uint32Array {
    let out = this.ranks.get(key);
    if (out) return out;
    const list = lexemes();
    const fresh = list.filter((lexeme) => !this.rankOf.has(lexeme));
    if (fresh.length > 0) {
      this.lexemes = [...this.lexemes, ...new Set(fresh)].sort(compareCodePoints);
      this.quoted = this.lexemes.map((lexeme) => vectorLiteral([lexeme]));
      this.rankOf = new Map(this.lexemes.map((lexeme, i) => [lexeme, i]));
      this.ranks.clear();
      this.edition++;
    }
    out = Uint32Array.from(list, (lexeme) => this.rankOf.get(lexeme)!);
    this.ranks.set(key, out);
    return out;
  }

  private gramRanks(text: string): Uint32Array {
    return this.rank(text, () => gramsOf([this.fold(text)]));
  }

  /** The tsvector literal of the union of `parts`, lexemes in order, each once. */
  private literal(parts: Uint32Array[]): string {
    // Each rank present is marked with this call's stamp; a pass over the ranks in order then
    // reads them out sorted and once (the dictionary is a few thousand lexemes).
    if (this.marks.length < this.lexemes.length) this.marks = new Uint32Array(this.lexemes.length * 2);
    const stamp = ++this.stamp;
    let low = Infinity;
    let high = -1;
    for (const part of parts) {
      for (let i = 0; i < part.length; i++) {
        const rank = part[i]!;
        this.marks[rank] = stamp;
        if (rank < low) low = rank;
        if (rank > high) high = rank;
      }
    }
    const out: string[] = [];
    for (let rank = low; rank <= high; rank++) if (this.marks[rank] === stamp) out.push(this.quoted[rank]!);
    return out.join(" ");
  }

  /**
   * searchRow for a generated report: title and kicker/subtitle as given, no summary or
   * original title, the body as its paragraphs (plainText is them joined by newlines).
   */
  row(
    fields: { titleParts: readonly string[]; kicker: string; subtitle: string; paragraphs: readonly string[] },
    facets: Facets,
  ): SearchRow {
    const { titleParts, kicker, subtitle, paragraphs } = fields;
    if (this.useApp) {
      return searchRow({ title: titleParts.join(" "), kicker, subtitle, summary: "", originalTitle: "", plainText: paragraphs.join("\n") }, facets);
    }
    const facetList = facetLexemes(facets);
    const collect = () => ({
      // A key no text has (texts never hold U+0000).
      filters: this.rank(`\u0000${facetList.join("\u0000")}`, () => facetList),
      // The rows' title is titleParts joined by a space, so its grams are those of the parts.
      head: [...titleParts, kicker, subtitle].map((t) => this.gramRanks(t)),
      body: paragraphs.map((t) => this.gramRanks(t)),
    });
    // Again if a new lexeme renumbered the dictionary on the way: then every rank is current.
    let edition: number;
    let ranks: ReturnType<typeof collect>;
    do {
      edition = this.edition;
      ranks = collect();
    } while (edition !== this.edition);
    const head = [titleParts.map((t) => this.fold(t)).join(" "), this.fold(kicker), this.fold(subtitle)];
    return {
      headText: head.join("\n"),
      text: [...head, "", "", paragraphs.map((t) => this.fold(t)).join(" ")].join("\n"),
      headGrams: this.literal([...ranks.head, ranks.filters]),
      grams: this.literal([...ranks.head, ...ranks.body, ranks.filters]),
    };
  }

  /**
   * Compares the fast rows with the app's for some reports (vectors as sets of lexemes); if the
   * app's way of indexing changed and they differ, uses the app's from now on (slower, never different).
   */
  verify(reports: readonly GeneratedReport[]): boolean {
    const lexemes = (literal: string) => [...new Set(literal.match(/'(?:[^']|'')*'/g) ?? [])].sort().join(" ");
    const same = reports.every((r) => {
      const facets = { committeeId: r.committeeId, year: r.year, column: r.column };
      const fast = this.row(r, facets);
      const app = searchRow({ title: r.title, kicker: r.kicker, subtitle: r.subtitle, summary: "", originalTitle: "", plainText: r.paragraphs.join("\n") }, facets);
      return (
        fast.headText === app.headText &&
        fast.text === app.text &&
        lexemes(fast.headGrams) === lexemes(app.headGrams) &&
        lexemes(fast.grams) === lexemes(app.grams)
      );
    });
    if (!same) this.useApp = true;
    return same;
  }
}

// ---------------------------------------------------------------------------------------------

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** Prisma keeps DateTime as UTC in `timestamp(3)` columns. */
const sqlTimestamp = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");
/** A value in COPY's text format. */
const copyText = (s: string) => (/[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!) : s);

interface Committee {
  id: string;
  city: string;
  authors: string[];
}

export interface GeneratedReport {
  id: string;
  revisionId: string;
  committeeId: string;
  authorId: string;
  title: string;
  titleParts: string[];
  kicker: string;
  subtitle: string;
  column: string;
  issueDate: string;
  publishedAt: Date;
  paragraphs: string[];
  year: number;
}

/** The seq-th report (0-based) of a run; drawn from its own seed. */
export function drawReport(seq: number, seed: number, runId: string, committees: Committee[], vocabulary: Vocabulary): GeneratedReport {
  const rand = random(Math.imul(seed ^ Math.imul(seq + 1, 0x9e3779b1), 0x85ebca6b) ^ seq);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const committee = pick(committees);
  const localize = (s: string) => SAMPLE_CITIES.reduce((t, c) => t.replaceAll(c, committee.city), s);
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2026, 10, 20) - start;
  const day = new Date(start + Math.floor(rand() * span));
  const issueDate = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  const publishedAt = new Date(`${issueDate}T09:${pad(Math.floor(rand() * 60))}:${pad(Math.floor(rand() * 60))}+08:00`);
  const titleParts = rand() < 0.5 ? [localize(pick(vocabulary.headings)), localize(pick(vocabulary.headings))] : [localize(pick(vocabulary.headings))];
  const kicker = rand() < 0.3 ? localize(pick(vocabulary.headings)) : "";
  const subtitle = rand() < 0.4 ? `——${committee.city}${pick(vocabulary.headings)}` : "";
  const paragraphs: string[] = [];
  const count = 3 + Math.floor(rand() * 6);
  for (let p = 0; p < count; p++) paragraphs.push(localize(pick(vocabulary.paragraphs)));
  if (rand() < 0.15) paragraphs.splice(Math.floor(rand() * paragraphs.length), 0, pick(EXTRA_SENTENCES));
  const column = pick(GENERATED_COLUMNS);
  const id36 = seq.toString(36).padStart(6, "0");
  return {
    // Ids in sequence order, so primary-key inserts append.
    id: `bench${runId}r${id36}`,
    revisionId: `bench${runId}v${id36}`,
    committeeId: committee.id,
    authorId: pick(committee.authors),
    title: titleParts.join(" "),
    titleParts,
    kicker,
    subtitle,
    column,
    issueDate,
    publishedAt,
    paragraphs,
    year: yearOf(new Date(`${issueDate}T00:00:00Z`), publishedAt),
  };
}

/** Secondary indexes and foreign keys are rebuilt once after the load rather than maintained row by row. */
const LOADED_TABLES = ["Report", "Revision", "SearchDocument"] as const;

async function dropSecondaryIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
    [LOADED_TABLES],
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.name}"`);
  return rows.map((r) => r.definition);
}

/** Autovacuum on or off for the loaded tables and their TOAST tables (on: the server's settings again). */
async function setAutovacuum(client: pg.Client, on: boolean): Promise<void> {
  for (const table of LOADED_TABLES) {
    await client.query(
      on
        ? `ALTER TABLE "${table}" RESET (autovacuum_enabled, toast.autovacuum_enabled)`
        : `ALTER TABLE "${table}" SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)`,
    );
  }
}

async function setUp(client: pg.Client): Promise<Committee[]> {
  const committees: Committee[] = [];
  for (const [index, [slug, city]] of CITIES.entries()) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Committee" (id, slug, name, city, "sortOrder", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
      [`bench-committee-${slug}`, `bench-${slug}`, `${city}市直机关工委`, city, 100 + index],
    );
    const committeeId = rows[0]!.id;
    const authors: string[] = [];
    for (let a = 1; a <= 3; a++) {
      const id = `bench-user-${slug}-${a}`;
      await client.query(
        `INSERT INTO "User" (id, username, "displayName", "passwordHash", "isActive", "updatedAt")
         VALUES ($1, $2, $3, '!', false, now()) ON CONFLICT (username) DO NOTHING`,
        [id, `bench-${slug}-${a}`, `${city}通讯员${a}`],
      );
      authors.push(id);
    }
    // The committee's managed 栏目 list: the public 栏目 pages list only these.
    for (const [order, name] of GENERATED_COLUMNS.entries()) {
      await client.query(
        `INSERT INTO "Column" (id, "committeeId", name, "sortOrder", "updatedAt") VALUES ($1, $2, $3, $4, now())
         ON CONFLICT ("committeeId", name) DO NOTHING`,
        [`bench-column-${slug}-${order}`, committeeId, name, order],
      );
    }
    committees.push({ id: committeeId, city, authors });
  }
  return committees;
}

/** The COPY lines of one report: its Report row and its SearchDocument row (the Revision is copied from the Report). */
export function copyLines(r: GeneratedReport, vectors: VectorBuilder | null): [report: string, search: string] {
  const plainText = r.paragraphs.join("\n");
  const content = JSON.stringify({
    type: "doc",
    content: r.paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
  });
  const html = r.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("");
  const chars = String(plainText.replace(/\s/g, "").length);
  const published = sqlTimestamp(r.publishedAt);
  const doc = vectors ? vectors.row(r, { committeeId: r.committeeId, year: r.year, column: r.column }) : null;
  const text = [copyText(r.kicker), copyText(r.title), copyText(r.subtitle), r.column, r.issueDate];
  const body = [copyText(content), copyText(html), copyText(plainText), chars];
  return [
    [r.id, r.committeeId, r.authorId, r.authorId, r.authorId, "PUBLISHED", "3", ...text, published, ...body, r.revisionId, published, published].join("\t") + "\n",
    doc
      ? [r.id, r.committeeId, r.column, String(r.year), published, copyText(doc.headText), copyText(doc.text), copyText(doc.headGrams), copyText(doc.grams), published].join("\t") + "\n"
      : "",
  ];
}

export const COPY_STATEMENTS = [
  `COPY "Report" (id, "committeeId", "authorId", "lastEditedById", "submittedById", status, version, kicker, title,
     subtitle, "column", "issueDate", "publishedAt", content, html, "plainText", "charCount", "liveRevisionId",
     "createdAt", "updatedAt") FROM STDIN`,
  `COPY "SearchDocument" ("reportId", "committeeId", "column", year, "publishedAt", "headText", "text", "headGrams", "grams",
     "updatedAt") FROM STDIN`,
] as const;

/** The live edition of the generated Reports with ids from $1 to $2: its PUBLISH Revision, the same fields. */
export const REVISIONS_FROM_REPORTS = `
  INSERT INTO "Revision" (id, "reportId", number, reason, "reportVersion", "createdById", kicker, title, subtitle, "column",
                          "issueDate", content, html, "plainText", "charCount", "publishedAt", "createdAt")
  SELECT "liveRevisionId", id, 1, 'PUBLISH', 3, "authorId", kicker, title, subtitle, "column",
         "issueDate", content, html, "plainText", "charCount", "publishedAt", "createdAt"
    FROM "Report" WHERE id BETWEEN $1 AND $2`;

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`SET synchronous_commit = off`);
  return client;
}

interface RangeJob {
  databaseUrl: string;
  from: number;
  to: number;
  seed: number;
  runId: string;
  committees: Committee[];
  chunkSize: number;
  search: boolean;
}

/** Loads reports from..to-1: one COPY per table on a connection each, a chunk per COPY statement, then the chunk's Revisions. */
async function loadRange(job: RangeJob, progress: (done: number) => void): Promise<void> {
  const vocabulary = sampleVocabulary();
  const vectors = job.search ? new VectorBuilder() : null;
  const sample = Array.from({ length: 200 }, (_, i) => drawReport(job.from + i, job.seed, job.runId, job.committees, vocabulary));
  if (vectors && !vectors.verify(sample)) console.error("[generate] fast search vectors differ from lib/search: using documentVectors (slower)");
  const statements = COPY_STATEMENTS.slice(0, job.search ? 2 : 1);
  const loaders = await Promise.all(statements.map(() => connect(job.databaseUrl)));
  try {
    // Foreign keys are not checked while loading (the rows are consistent by construction).
    for (const client of loaders) await client.query(`SET session_replication_role = replica`);
    for (let first = job.from; first < job.to; first += job.chunkSize) {
      const end = Math.min(first + job.chunkSize, job.to);
      // One generator feeds the COPY streams; each pulls its own lines, and a stream that
      // runs ahead waits for the others (so memory stays bounded).
      const queues: string[][] = statements.map(() => []);
      let next = first;
      let wake: (() => void) | null = null;
      let waiting: Promise<void> | null = null;
      const refill = () => {
        for (let k = 0; k < 100 && next < end; k++, next++) {
          const lines = copyLines(drawReport(next, job.seed, job.runId, job.committees, vocabulary), vectors);
          for (let t = 0; t < queues.length; t++) queues[t]!.push(lines[t]!);
        }
      };
      const source = async function* (t: number) {
        const queue = queues[t]!;
        for (;;) {
          if (queue.length > 0) {
            const out = queue.splice(0, queue.length).join("");
            wake?.();
            yield out;
          } else if (next >= end) return;
          else if (queues.some((q) => q.length > 1000)) {
            waiting ??= new Promise<void>((resolve) => (wake = () => ((waiting = null), (wake = null), resolve())));
            await waiting;
          } else refill();
        }
      };
      await Promise.all(loaders.map((client, t) => pipeline(Readable.from(source(t)), client.query(copyFrom(statements[t]!)))));
      // Ids sort in sequence order (drawReport), so the chunk is one range of the primary key.
      const idOf = (seq: number) => drawReport(seq, job.seed, job.runId, job.committees, vocabulary).id;
      await loaders[0]!.query(REVISIONS_FROM_REPORTS, [idOf(first), idOf(end - 1)]);
      progress(end - first);
    }
  } finally {
    await Promise.all(loaders.map((client) => client.end()));
  }
}

const WORKER_FLAG = "--generate-worker";

/** Runs loadRange in a child process of this same file (the JavaScript side needs a core of its own). */
function loadRangeInChild(job: RangeJob, progress: (done: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // Through tsx's CLI, so that it works whoever runs this module (tsx, vitest).
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const child = spawn(process.execPath, [tsx, fileURLToPath(import.meta.url), WORKER_FLAG], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    child.stdin.end(JSON.stringify(job));
    let buffered = "";
    child.stdout.setEncoding("utf8").on("data", (data: string) => {
      buffered += data;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) if (/^\d+$/.test(line)) progress(Number(line));
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`generator worker exited with ${code}`))));
  });
}

export async function generateReports(databaseUrl: string, options: GenerateOptions): Promise<{ seconds: number }> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const log = options.log ?? (() => {});
  const main = await connect(databaseUrl);
  try {
    const committees = await setUp(main);
    const bulk = options.count >= 5000;
    const indexes = bulk ? await dropSecondaryIndexes(main) : [];
    // Autovacuum would start on the tables and their TOAST while they fill (inserts trigger it)
    // and take a core from the load for minutes; the VACUUM ANALYZE below does its work once.
    if (bulk) await setAutovacuum(main, false);
    try {
      const workers = Math.max(1, Math.min(options.workers ?? Number(process.env.GENERATE_WORKERS ?? 2), Math.ceil(options.count / 1000)));
      const base: Omit<RangeJob, "from" | "to"> = {
        databaseUrl,
        seed: options.seed ?? 20261122,
        runId: Date.now().toString(36),
        committees,
        chunkSize: options.chunkSize ?? 20_000,
        search: options.search ?? true,
      };
      let done = 0;
      let logged = 0;
      const progress = (n: number) => {
        done += n;
        if (done - logged >= 50_000 || done === options.count) {
          logged = done;
          log(`[generate] ${done} reports (${elapsed()})`);
        }
      };
      const share = Math.ceil(options.count / workers);
      await Promise.all(
        Array.from({ length: workers }, (_, w) => {
          const job = { ...base, from: w * share, to: Math.min(options.count, (w + 1) * share) };
          return workers === 1 ? loadRange(job, progress) : loadRangeInChild(job, progress);
        }),
      );
    } finally {
      if (indexes.length > 0) {
        log(`[generate] rebuilding ${indexes.length} indexes …`);
        const builders = [main, ...(await Promise.all([1, 2].map(() => connect(databaseUrl))))];
        for (const client of builders) await client.query(`SET maintenance_work_mem = '1GB'`);
        // Several builds at once, the biggest (the GIN indexes) first.
        const queue = [...indexes].sort((a, b) => Number(/gin/i.test(b)) - Number(/gin/i.test(a)));
        await Promise.all(
          builders.map(async (client) => {
            for (let def = queue.shift(); def; def = queue.shift()) {
              const built = Date.now();
              await client.query(def);
              log(`[generate]   ${/INDEX "([^"]+)"/.exec(def)?.[1] ?? def}: ${((Date.now() - built) / 1000).toFixed(0)} s`);
            }
          }),
        );
        await Promise.all(builders.slice(1).map((client) => client.end()));
        log(`[generate] indexes rebuilt (${elapsed()})`);
      }
      if (bulk) await setAutovacuum(main, true);
    }
    log("[generate] VACUUM ANALYZE …");
    for (const table of LOADED_TABLES) await main.query(`VACUUM ANALYZE "${table}"`);
    log(`[generate] done (${elapsed()})`);
  } finally {
    await main.end();
  }
  return { seconds: (Date.now() - started) / 1000 };
}

async function runWorker() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  await loadRange(JSON.parse(input) as RangeJob, (n) => process.stdout.write(`${n}\n`));
}

if (process.argv[2] === WORKER_FLAG && import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runWorker().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const [url, count] = args.filter((a) => !a.startsWith("--"));
  if (!url) {
    console.error("usage: npx tsx scripts/bench/generate-reports.ts <DATABASE_URL> [count] [--no-search]");
    process.exit(2);
  }
  generateReports(url, { count: Number(count ?? 100000), log: console.log, search: !args.includes("--no-search") }).then(
    ({ seconds }) => console.log(`[generate] done in ${seconds.toFixed(1)} s`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
