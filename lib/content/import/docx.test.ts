import { deflateRawSync } from "node:zlib";
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import JSZip from "jszip";
import { describe, expect, it, vi } from "vitest";
import { renderContent } from "../render";
import { parseContent, type TiptapDoc } from "../validate";
import { ImportError, importFile } from "./index";

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function sampleDocx(): Promise<Buffer> {
  const document = new Document({
    numbering: {
      config: [{ reference: "nums", levels: [{ level: 0, format: "decimal", text: "%1.", alignment: AlignmentType.LEFT }] }],
    },
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "凝心聚力开新局", bold: true, size: 44 })] }),
          new Paragraph({ children: [new TextRun("2024-03-05 作者:王小明 来源:厦门日报")] }),
          new Paragraph({ children: [new TextRun("全市机关党建工作会议召开，"), new TextRun({ text: "强调", bold: true }), new TextRun({ text: "压实责任", italics: true }), new TextRun({ text: "狠抓落实", underline: {} }), new TextRun("。")] }),
          new Paragraph({ children: [new TextRun("一、强化政治引领")] }),
          new Paragraph({ children: [new TextRun("（一）坚持理论学习")] }),
          new Paragraph({ text: "按样式设定的标题", heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: "第一项工作", numbering: { reference: "nums", level: 0 } }),
          new Paragraph({ text: "第二项工作", numbering: { reference: "nums", level: 0 } }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph("单位")] }), new TableCell({ children: [new Paragraph("人数")] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph("市直机关")] }), new TableCell({ children: [new Paragraph("120")] })] }),
            ],
          }),
          new Paragraph({ children: [new ImageRun({ type: "png", data: PNG, transformation: { width: 100, height: 100 } })] }),
          new Paragraph({ children: [new TextRun("市直机关工委召开会议。(本报记者 黄晓珍 摄)")] }),
          new Paragraph({ children: [new TextRun("会议要求，各级党组织要持续用力。")] }),
          new Paragraph({ children: [new TextRun("责任编辑:小慧")] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function texts(node: TiptapDoc): string {
  const own = node.text ?? "";
  const figure = node.type === "figure" ? `${node.attrs?.caption ?? ""}${node.attrs?.credit ?? ""}` : "";
  return own + figure + (node.content ?? []).map(texts).join("");
}

describe("importFile(.docx)", () => {
  it("recognises title by formatting, header fields, headings, marks, lists, tables and a captioned image", async () => {
    const storeImage = vi.fn(async (bytes: Uint8Array, contentType: string) => ({ mediaId: "m1", src: `/media/m1.${contentType.split("/")[1]}` }));
    const report = await importFile(await sampleDocx(), { fileName: "a.docx", storeImage });
    expect(report.format).toBe("docx");
    expect(report.title).toBe("凝心聚力开新局");
    expect(report.issueDate).toBe("2024-03-05");
    expect(report.byline).toBe("王小明");
    expect(report.source).toBe("厦门日报");
    expect(report.responsibleEditor).toBe("小慧");
    expect(parseContent(report.content).ok).toBe(true);

    const blocks = report.content.content ?? [];
    const headings = blocks.filter((block) => block.type === "heading").map((block) => [block.attrs?.level, texts(block)]);
    expect(headings).toEqual([
      [2, "一、强化政治引领"],
      [3, "（一）坚持理论学习"],
      [3, "按样式设定的标题"],
    ]);
    const marks = JSON.stringify(blocks);
    for (const mark of ["bold", "italic", "underline"]) expect(marks).toContain(`"type":"${mark}"`);
    expect(blocks.some((block) => block.type === "orderedList")).toBe(true);
    expect(blocks.some((block) => block.type === "table")).toBe(true);

    expect(storeImage).toHaveBeenCalledOnce();
    expect(storeImage.mock.calls[0]![1]).toBe("image/png");
    const figure = blocks.find((block) => block.type === "figure");
    expect(figure?.attrs).toMatchObject({ src: "/media/m1.png", mediaId: "m1", caption: "市直机关工委召开会议。", credit: "本报记者 黄晓珍 摄" });
    expect(report.figures).toEqual({ total: 1, waiting: 0 });
    const { html } = renderContent(report.content);
    expect(html).toContain('<figure class="report-figure" data-media-id="m1"><img src="/media/m1.png"');
  });

  it("keeps a figure waiting for its photo when no store is given, and lists it in a warning", async () => {
    const report = await importFile(await sampleDocx(), { fileName: "a.docx" });
    const figure = (report.content.content ?? []).find((block) => block.type === "figure");
    expect(figure?.attrs).toMatchObject({ src: null, caption: "市直机关工委召开会议。", credit: "本报记者 黄晓珍 摄" });
    expect(report.figures).toEqual({ total: 1, waiting: 1 });
    expect(report.warnings.join("\n")).toContain("1 张图片尚未保存");
    expect(renderContent(report.content).html).toContain('class="report-figure is-missing"');
  });

  it("loses no character of the document", async () => {
    const buffer = await sampleDocx();
    const zip = await JSZip.loadAsync(buffer);
    const xml = await zip.file("word/document.xml")!.async("string");
    const source = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/gu)].map((match) => match[1]).join("");
    const report = await importFile(buffer, { fileName: "a.docx" });
    const consumed = ["作者:", "来源:", "责任编辑:", "(", ")"];
    const expected = consumed.reduce((text, label) => text.replace(label, ""), source).replace(/[\s-]/gu, "");
    const fields = [report.title, report.byline, report.source, report.responsibleEditor, report.issueDate].join("");
    const output = (fields + texts(report.content)).replace(/[\s-]/gu, "");
    expect([...output].sort().join("")).toBe([...expected].sort().join(""));
  });
});

async function refused(bytes: Uint8Array, fileName: string, storeImage = vi.fn()): Promise<string> {
  const error = await importFile(bytes, { fileName, storeImage }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect(storeImage).not.toHaveBeenCalled();
  return (error as ImportError).message;
}

/** A zip of one stored entry whose central directory claims `claimed` bytes uncompressed. */
function zipClaiming(name: string, data: Buffer, claimed: number, deflate = true): Buffer {
  const body = deflate ? deflateRawSync(data) : data;
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(deflate ? 8 : 0, 8);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(claimed, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(deflate ? 8 : 0, 10);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(claimed, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + nameBytes.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, body, central, nameBytes, end]);
}

describe("importFile refuses bad input with a Chinese message and stores nothing", () => {
  it("a corrupt zip", async () => {
    const good = await sampleDocx();
    expect(await refused(good.subarray(0, good.length - 200), "a.docx")).toMatch(/损坏/u);
  });

  it("a zip claiming a huge uncompressed size", async () => {
    expect(await refused(zipClaiming("word/document.xml", Buffer.from("x"), 2_000_000_000), "a.docx")).toMatch(/压缩炸弹/u);
  });

  it("a zip whose directory understates what it inflates to", async () => {
    expect(await refused(zipClaiming("word/document.xml", Buffer.alloc(50_000_000), 1000), "a.docx")).toMatch(/压缩炸弹/u);
  });

  it("a zip of thousands of entries", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<x/>");
    for (let i = 0; i < 3000; i++) zip.file(`junk/${i}.txt`, "");
    expect(await refused(await zip.generateAsync({ type: "nodebuffer" }), "a.docx")).toMatch(/压缩炸弹/u);
  });

  it("an encrypted Office file", async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from("EncryptedPackage", "utf16le").copy(ole, 1024);
    expect(await refused(ole, "secret.docx")).toBe("文件已加密，请另存为未加密的文件后再导入");
  });

  it("an HTML file named .docx", async () => {
    expect(await refused(Buffer.from("<!DOCTYPE html><html><body>hi</body></html>"), "page.docx")).toMatch(/不是 Word/u);
  });

  it("a .docx whose image is a script", async () => {
    const zip = await JSZip.loadAsync(await sampleDocx());
    const media = Object.keys(zip.files).find((name) => name.startsWith("word/media/"))!;
    zip.file(media, "<script>alert(document.cookie)</script>\n#!/bin/sh\nrm -rf /\n");
    expect(await refused(await zip.generateAsync({ type: "nodebuffer" }), "a.docx")).toMatch(/疑似脚本/u);
  });

  it("an enormous file", async () => {
    expect(await refused(Buffer.alloc(31 * 1024 * 1024, 0x41), "big.txt")).toMatch(/文件太大/u);
  });
});
