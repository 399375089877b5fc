// Import benchmark: a generated 30-page .docx with 20 photos (goal: ≤ 5 s).
//
//   npm run bench -- import
//
// The document is built here with the `docx` package from the sample reports' text (headings,
// lists, a table, 20 PNG photos each followed by a caption). Two figures: reading it alone (a
// store that only counts the photos' bytes: no database, no site), then the import as the
// studio runs it — every photo through the media pipeline with all its renditions, the draft
// written — on a throwaway embedded PostgreSQL (scripts/bench/import-full.ts).
// Figures are printed, never asserted.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { crc32, deflateSync } from "node:zlib";
import os from "node:os";
import { spawnSync } from "node:child_process";
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { importFile } from "../../lib/content/import";
import { createPrismaClient } from "../../lib/db/client";
import { seedDemoData } from "../../prisma/seed";
import { throwawayDatabase } from "./harness";

const SAMPLES_DIR = path.resolve(import.meta.dirname, "../../prisma/seed-data/samples");
const RUNS = 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A 640×400 PNG, half noise (so it stays photo-sized after compression), half gradient. */
function photo(seed: number): Buffer {
  const width = 640;
  const height = 400;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let state = (seed + 1) * 2654435761 >>> 0;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width * 3; x++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      raw[row + 1 + x] = y < height / 2 ? state >>> 24 : (x + y + seed * 13) & 0xff;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

export async function buildBenchDocx(): Promise<Buffer> {
  const paragraphs = fs
    .readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith(".txt"))
    .flatMap((file) => fs.readFileSync(path.join(SAMPLES_DIR, file), "utf8").split(/\n+/u))
    .map((line) => line.trim())
    .filter((line) => line.length > 60);
  const children: Array<Paragraph | Table> = [new Paragraph({ text: "市直机关党建工作三十页综述", heading: HeadingLevel.TITLE })];
  // About 650 characters a page at 仿宋 三号: 30 pages ≈ 20,000 characters.
  let chars = 0;
  let section = 0;
  let photos = 0;
  for (let i = 0; chars < 20_000; i++) {
    if (i % 6 === 0) children.push(new Paragraph({ text: `${"一二三四五六七八九十"[section++ % 10]}、第${section}部分工作情况`, heading: HeadingLevel.HEADING_1 }));
    const text = paragraphs[i % paragraphs.length]!;
    children.push(new Paragraph({ children: [new TextRun(text)] }));
    chars += text.length;
    if (i % 3 === 1 && photos < 20) {
      children.push(new Paragraph({ children: [new ImageRun({ type: "png", data: photo(photos), transformation: { width: 480, height: 300 } })] }));
      children.push(new Paragraph(`▲第${++photos}张照片的说明文字。(本报记者 黄晓珍 摄)`));
    }
    if (i === 10) {
      children.push(new Paragraph({ text: "第一项工作", bullet: { level: 0 } }), new Paragraph({ text: "第二项工作", bullet: { level: 0 } }));
      children.push(new Table({ rows: [0, 1, 2].map((r) => new TableRow({ children: [0, 1, 2].map((c) => new TableCell({ children: [new Paragraph(`单元格${r}-${c}`)] })) })) }));
    }
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export async function benchImport(): Promise<void> {
  const buffer = await buildBenchDocx();
  console.log(`\n[import] generated .docx: ${(buffer.length / 1024 / 1024).toFixed(1)} MB, 30 pages of text, 20 photos`);
  const times: number[] = [];
  let result: Awaited<ReturnType<typeof importFile>> | undefined;
  for (let run = 0; run < RUNS; run++) {
    let storedBytes = 0;
    const start = performance.now();
    result = await importFile(buffer, {
      fileName: "bench.docx",
      storeImage: async (bytes) => {
        storedBytes += bytes.length;
        return { mediaId: `m${storedBytes}`, src: `/media/m${storedBytes}.png` };
      },
    });
    times.push(performance.now() - start);
  }
  const text = JSON.stringify(result!.content).length;
  console.log(`[import] ${RUNS} runs: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms (goal ≤ 5000 ms)`);
  console.log(`[import] result: ${result!.figures.total} figures (${result!.figures.waiting} waiting), ${(result!.content.content ?? []).length} blocks, ${text} bytes of JSON, title “${result!.title}”`);
  await benchFullImport(buffer);
}

/**
 * The import as the studio runs it, photos stored with every rendition and the draft created
 * (scripts/bench/import-full.ts), on a throwaway embedded PostgreSQL with the demo data.
 */
async function benchFullImport(buffer: Buffer): Promise<void> {
  const { url, dir: root, stop } = await throwawayDatabase("bench_import");
  try {
    const db = createPrismaClient(url, { max: 2 });
    try {
      await seedDemoData(db);
    } finally {
      await db.$disconnect();
    }
    const docx = path.join(root, "bench.docx");
    fs.writeFileSync(docx, buffer);
    const run = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", path.join("scripts", "bench", "import-full.ts"), docx], {
      env: { ...process.env, DATABASE_URL: url, MEDIA_DIR: path.join(root, "media"), S3_ENDPOINT: "", S3_BUCKET: "" },
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`full import failed:\n${run.stdout}${run.stderr}`);
    const { times, figures } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { times: number[]; figures: string };
    console.log(
      `[import] as the studio does it (photos stored with every rendition, draft created), ${times.length} runs: ` +
        `p50 ${percentile(times, 50).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (goal ≤ 5000 ms); ${figures}; load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
    );
  } finally {
    await stop();
  }
}
