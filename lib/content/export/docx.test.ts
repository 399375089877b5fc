import { readFileSync } from "node:fs";
import JSZip from "jszip";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { importFile } from "../import";
import { importPlainText } from "../import/plain-text";
import type { TiptapDoc } from "../validate";
import { exportReportDocx, type ExportFields } from "./docx";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

const fields: ExportFields = {
  kicker: "擎旗奋进新征程",
  title: "走好第一方阵 建设模范机关",
  subtitle: "市直机关党建工作综述",
  byline: "本报记者 冯雪珠",
  source: "厦门日报",
  originalTitle: "初心如磐向未来",
  responsibleEditor: "小慧",
  issueDate: "2022-01-17",
};

const content: TiptapDoc = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "全市机关党员干部" }, { type: "text", text: "认真学习", marks: [{ type: "bold" }] }, { type: "text", text: "，取得实效。" }] },
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "一、强化政治引领" }] },
    { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "（一）坚持理论学习" }] },
    {
      type: "orderedList",
      content: [
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "第一项工作。" }] }] },
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "第二项工作。" }] }] },
      ],
    },
    {
      type: "table",
      content: [
        { type: "tableRow", content: [{ type: "tableHeader", content: [{ type: "paragraph", content: [{ type: "text", text: "单位" }] }] }, { type: "tableHeader", content: [{ type: "paragraph", content: [{ type: "text", text: "人数" }] }] }] },
        { type: "tableRow", content: [{ type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "市直机关" }] }] }, { type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "120" }] }] }] },
      ],
    },
    { type: "figure", attrs: { src: "/media/a.png", alt: "医生为老人测量血压", caption: "党员志愿者走进社区。", credit: "本报记者 黄晓珍 摄", mediaId: "m1" } },
    { type: "figure", attrs: { src: null, alt: null, caption: "市直机关工委召开会议。", credit: "通讯员 李四 摄", mediaId: null } },
    { type: "paragraph", content: [{ type: "text", text: "会议要求，各级党组织要持续用力。" }] },
  ],
};

function texts(node: TiptapDoc): string {
  const figure = node.type === "figure" ? `${node.attrs?.caption ?? ""}${node.attrs?.credit ?? ""}` : "";
  return (node.text ?? "") + figure + (node.content ?? []).map(texts).join("");
}

const sorted = (text: string) => [...text.replace(/\s/gu, "")].sort().join("");

describe("exportReportDocx", () => {
  it("lays out A4 with GB/T 9704 margins and official fonts", async () => {
    const buffer = await exportReportDocx(fields, content);
    const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/u);
    expect(xml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1985"[^>]*w:left="1588"/u);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    const { value: html } = await mammoth.convertToHtml({ buffer });
    expect(html).toContain("<table>");
    expect(html).toContain("<ol>");
  });

  it("exports and imports again keeping every field and every character", async () => {
    const buffer = await exportReportDocx(fields, content, { figureBytes: async ({ src }) => (src ? { data: PNG, type: "png", width: 1600, height: 1000 } : null) });
    // The photo is in the package, laid out at the text width with its proportions.
    const zip = await JSZip.loadAsync(buffer);
    const parts = Object.keys(zip.files).filter((name) => name.startsWith("word/media/"));
    expect(parts).toHaveLength(1);
    expect(Buffer.from(await zip.file(parts[0]!)!.async("uint8array")).equals(PNG)).toBe(true);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<wp:extent cx="(\d+)" cy="(\d+)"/u);
    const [, cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"/u.exec(xml)!;
    expect(Number(cx) / Number(cy)).toBeCloseTo(1.6, 2);
    const stored: string[] = [];
    const report = await importFile(buffer, {
      fileName: "export.docx",
      storeImage: async (_bytes, type) => {
        stored.push(type);
        return { mediaId: "m2", src: "/media/m2.png" };
      },
    });
    expect(report.title).toBe(fields.title);
    expect(report.kicker).toBe(fields.kicker);
    expect(report.subtitle).toBe(fields.subtitle);
    expect(report.byline).toBe(fields.byline);
    expect(report.source).toBe(fields.source);
    expect(report.originalTitle).toBe(fields.originalTitle);
    expect(report.responsibleEditor).toBe(fields.responsibleEditor);
    expect(report.issueDate).toBe(fields.issueDate);
    expect(stored).toEqual(["image/png"]);
    const figures = (report.content.content ?? []).filter((node) => node.type === "figure").map((node) => node.attrs);
    expect(figures).toEqual([
      { src: "/media/m2.png", alt: "医生为老人测量血压", caption: "党员志愿者走进社区。", credit: "本报记者 黄晓珍 摄", mediaId: "m2" },
      { src: null, alt: null, caption: "市直机关工委召开会议。", credit: "通讯员 李四 摄", mediaId: null },
    ]);
    expect(sorted(texts(report.content))).toBe(sorted(texts(content)));
    const types = (report.content.content ?? []).map((node) => node.type);
    expect(types).toEqual(expect.arrayContaining(["heading", "orderedList", "table", "figure", "paragraph"]));
  });

  it("round-trips a real sample: text → report → .docx → report keeps every character", async () => {
    const imported = importPlainText(readFileSync(new URL("../../../prisma/seed-data/samples/xiamen-2022.txt", import.meta.url), "utf8"));
    const buffer = await exportReportDocx({ ...imported, title: imported.title }, imported.content);
    const again = await importFile(buffer, { fileName: "xiamen.docx" });
    expect(again.title).toBe(imported.title);
    expect(again.subtitle).toBe(imported.subtitle);
    expect(sorted(texts(again.content))).toBe(sorted(texts(imported.content)));
  });
});
