// Fills a database with many realistic published reports for the search benchmark: committees
// of 20 cities, a few authors each, and per report a Report, its PUBLISH Revision (the live
// edition) and its SearchDocument row, built from the vocabulary of the five sample texts
// (their headings become titles, their paragraphs bodies, the sample's city is replaced by the
// committee's). Dates spread over 2015–2026, four 栏目. Bulk INSERTs of 1,000 rows through
// unnest(); the GIN index is rebuilt once at the end.
//
//   npx tsx scripts/bench/generate-reports.ts <DATABASE_URL> [count=100000]
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { searchRow, yearOf } from "../../lib/search/document";

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
  batchSize?: number;
  log?: (line: string) => void;
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

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** Prisma keeps DateTime as UTC in `timestamp(3)` columns. */
const sqlTimestamp = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

export async function generateReports(databaseUrl: string, options: GenerateOptions): Promise<{ seconds: number }> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const rand = random(options.seed ?? 20261122);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const vocabulary = sampleVocabulary();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '512MB'`);

    // Committees and authors
    const committees: { id: string; city: string; authors: string[] }[] = [];
    for (const [index, [slug, city]] of CITIES.entries()) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "Committee" (id, slug, name, city, "sortOrder", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
        [`bench-committee-${slug}`, `bench-${slug}`, `${city}市直机关工委`, city, 100 + index],
      );
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
      committees.push({ id: rows[0]!.id, city, authors });
    }

    // The GIN index is cheaper to build once than to maintain row by row.
    const { rows: indexRows } = await client.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'SearchDocument' AND indexname = 'SearchDocument_grams_idx'`,
    );
    const ginDefinition = indexRows[0]?.indexdef;
    if (ginDefinition && options.count >= 5000) await client.query(`DROP INDEX "SearchDocument_grams_idx"`);

    const start = Date.UTC(2015, 0, 1);
    const span = Date.UTC(2026, 10, 20) - start;
    const batchSize = options.batchSize ?? 1000;
    const runId = Date.now().toString(36);
    try {
      for (let done = 0; done < options.count; ) {
        const n = Math.min(batchSize, options.count - done);
        const cols: Record<string, string[]> = {
          id: [], rev: [], committee: [], author: [], title: [], kicker: [], subtitle: [], col: [], issue: [],
          published: [], content: [], html: [], plain: [], chars: [], year: [], headText: [], text: [], headGrams: [], grams: [],
        };
        for (let i = 0; i < n; i++) {
          const seq = done + i;
          const committee = pick(committees);
          const localize = (s: string) => SAMPLE_CITIES.reduce((t, c) => t.replaceAll(c, committee.city), s);
          const day = new Date(start + Math.floor(rand() * span));
          const issueDate = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
          const publishedAt = new Date(`${issueDate}T09:${pad(Math.floor(rand() * 60))}:00+08:00`);
          const title = localize(
            rand() < 0.5 ? `${pick(vocabulary.headings)} ${pick(vocabulary.headings)}` : pick(vocabulary.headings),
          );
          const kicker = rand() < 0.3 ? localize(pick(vocabulary.headings)) : "";
          const subtitle = rand() < 0.4 ? `——${committee.city}${pick(vocabulary.headings)}` : "";
          const paragraphs: string[] = [];
          const count = 3 + Math.floor(rand() * 6);
          for (let p = 0; p < count; p++) paragraphs.push(localize(pick(vocabulary.paragraphs)));
          if (rand() < 0.15) paragraphs.splice(Math.floor(rand() * paragraphs.length), 0, pick(EXTRA_SENTENCES));
          const plainText = paragraphs.join("\n");
          const content = {
            type: "doc",
            content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
          };
          const column = pick(GENERATED_COLUMNS);
          const year = yearOf(new Date(`${issueDate}T00:00:00Z`), publishedAt);
          const doc = searchRow(
            { title, kicker, subtitle, summary: "", originalTitle: "", plainText },
            { committeeId: committee.id, year, column },
          );
          cols.id!.push(`bench${runId}r${seq.toString(36)}`);
          cols.rev!.push(`bench${runId}v${seq.toString(36)}`);
          cols.committee!.push(committee.id);
          cols.author!.push(pick(committee.authors));
          cols.title!.push(title);
          cols.kicker!.push(kicker);
          cols.subtitle!.push(subtitle);
          cols.col!.push(column);
          cols.issue!.push(issueDate);
          cols.published!.push(sqlTimestamp(publishedAt));
          cols.content!.push(JSON.stringify(content));
          cols.html!.push(paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(""));
          cols.plain!.push(plainText);
          cols.chars!.push(String(plainText.replace(/\s/g, "").length));
          cols.year!.push(String(year));
          cols.headText!.push(doc.headText);
          cols.text!.push(doc.text);
          cols.headGrams!.push(doc.headGrams);
          cols.grams!.push(doc.grams);
        }
        // One statement: the Report's liveRevisionId and the Revision's reportId point at each
        // other, and foreign keys are checked at the end of the statement.
        await client.query(
          `WITH input AS (
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                  $8::text[], $9::date[], $10::timestamp[], $11::jsonb[], $12::text[], $13::text[],
                                  $14::int[], $15::int[], $16::text[], $17::text[], $18::tsvector[], $19::tsvector[])
               AS t(id, rev, committee, author, title, kicker, subtitle, col, issue, published, content, html, plain,
                    chars, year, head_text, text, head_grams, grams)
           ), reports AS (
             INSERT INTO "Report" (id, "committeeId", "authorId", "lastEditedById", "submittedById", status, version,
                                   kicker, title, subtitle, "column", "issueDate", "publishedAt", content, html,
                                   "plainText", "charCount", "liveRevisionId", "createdAt", "updatedAt")
             SELECT id, committee, author, author, author, 'PUBLISHED', 3, kicker, title, subtitle, col, issue,
                    published, content, html, plain, chars, rev, published, published FROM input
           ), revisions AS (
             INSERT INTO "Revision" (id, "reportId", number, reason, "reportVersion", "createdById", kicker, title,
                                     subtitle, "column", "issueDate", content, html, "plainText", "charCount",
                                     "publishedAt", "createdAt")
             SELECT rev, id, 1, 'PUBLISH', 3, author, kicker, title, subtitle, col, issue, content, html, plain, chars,
                    published, published FROM input
           )
           INSERT INTO "SearchDocument" ("reportId", "committeeId", "column", year, "publishedAt", "headText", "text",
                                         "headGrams", "grams", "updatedAt")
           SELECT id, committee, col, year, published, head_text, text, head_grams, grams, now() FROM input`,
          [
            cols.id, cols.rev, cols.committee, cols.author, cols.title, cols.kicker, cols.subtitle, cols.col,
            cols.issue, cols.published, cols.content, cols.html, cols.plain, cols.chars, cols.year, cols.headText, cols.text,
            cols.headGrams, cols.grams,
          ],
        );
        done += n;
        if (done % 10000 === 0 || done === options.count) {
          log(`[generate] ${done} reports (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        }
      }
    } finally {
      if (ginDefinition && options.count >= 5000) {
        log("[generate] building the GIN index …");
        await client.query(ginDefinition);
      }
    }
    log("[generate] VACUUM ANALYZE …");
    for (const table of ["SearchDocument", "Report", "Revision"]) await client.query(`VACUUM ANALYZE "${table}"`);
  } finally {
    await client.end();
  }
  return { seconds: (Date.now() - started) / 1000 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [url, count] = process.argv.slice(2);
  if (!url) {
    console.error("usage: npx tsx scripts/bench/generate-reports.ts <DATABASE_URL> [count]");
    process.exit(2);
  }
  generateReports(url, { count: Number(count ?? 100000), log: console.log }).then(
    ({ seconds }) => console.log(`[generate] done in ${seconds.toFixed(1)} s`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
