/**
 * A report as a Word document laid out the way official documents are (GB/T 9704): A4, margins
 * top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title in 方正小标宋简体, body text in
 * 仿宋_GB2312 三号 (16 pt) with a two-character first-line indent, section headings in 黑体 and
 * 楷体_GB2312. Word cannot list fallback fonts in a run, so each run names the official font
 * for East Asian text and a font every Windows/WPS installation has (宋体 SimSun, 黑体 SimHei,
 * 仿宋 FangSong) for Latin text; a machine without the official font substitutes its own.
 *
 * What it writes is what the importer reads back (header line with 作者/来源, (原标题), figures
 * as image + caption paragraph or ▲caption, 责任编辑 at the end), so exporting and importing
 * again keeps every character.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from "docx";
import type { JSONContent } from "@tiptap/core";
import type { TiptapDoc } from "../validate";

const MM = 56.7; // twips per millimetre
const PT = 2; // docx sizes are half-points

export const FONTS = {
  title: { eastAsia: "方正小标宋简体", ascii: "SimSun" },
  heading2: { eastAsia: "黑体", ascii: "SimHei" },
  heading3: { eastAsia: "楷体_GB2312", ascii: "KaiTi" },
  body: { eastAsia: "仿宋_GB2312", ascii: "FangSong" },
} as const;

type FontSpec = (typeof FONTS)[keyof typeof FONTS];

function font(spec: FontSpec): IRunOptions["font"] {
  return { ascii: spec.ascii, hAnsi: spec.ascii, eastAsia: spec.eastAsia, cs: spec.ascii };
}

export interface ExportFields {
  kicker?: string | null;
  title: string;
  subtitle?: string | null;
  byline?: string | null;
  source?: string | null;
  originalTitle?: string | null;
  responsibleEditor?: string | null;
  issueDate?: string | null;
}

/**
 * Bytes of a figure's photo with its pixel size, or null when the figure has no photo of ours
 * to export (the caption is exported alone, marked ▲ as newspapers mark a photo that is not
 * printed). It throws when the photo exists but cannot be read; the export is then refused.
 */
export type FigureBytes = (attrs: { src: string | null; mediaId: string | null }) => Promise<{ data: Uint8Array; type: "jpg" | "png" | "gif" | "bmp"; width: number; height: number } | null>;

/** Widest a photo is laid out: the text width of the page (156 mm) less a margin, in pixels at 96 dpi. */
const PHOTO_MAX_WIDTH = 540;

const BODY_RUN = { font: font(FONTS.body), size: 16 * PT };
const BODY_SPACING = { line: 28 * 20, lineRule: "exact" as const }; // fixed 28 pt lines

function textRuns(nodes: JSONContent[] | undefined, base: IRunOptions): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "hardBreak") {
      children.push(new TextRun({ ...base, break: 1 }));
      continue;
    }
    if (node.type !== "text" || !node.text) continue;
    const marks = new Set((node.marks ?? []).map((mark) => mark.type));
    const run = new TextRun({
      ...base,
      text: node.text,
      bold: marks.has("bold") || base.bold,
      italics: marks.has("italic"),
      underline: marks.has("underline") ? {} : undefined,
      strike: marks.has("strike"),
    });
    const link = node.marks?.find((mark) => mark.type === "link")?.attrs?.href;
    children.push(typeof link === "string" ? new ExternalHyperlink({ link, children: [run] }) : run);
  }
  return children;
}

function alignmentOf(node: JSONContent) {
  const align = node.attrs?.textAlign;
  return align === "center" ? AlignmentType.CENTER : align === "right" ? AlignmentType.RIGHT : align === "justify" ? AlignmentType.JUSTIFIED : undefined;
}

function centred(text: string, run: IRunOptions): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: BODY_SPACING, children: [new TextRun({ ...run, text })] });
}

interface Context {
  figureBytes?: FigureBytes;
  listInstance: number;
}

async function blocks(nodes: JSONContent[] | undefined, context: Context, list?: { ordered: boolean; level: number; instance: number }): Promise<Array<Paragraph | Table>> {
  const out: Array<Paragraph | Table> = [];
  for (const node of nodes ?? []) {
    switch (node.type) {
      case "paragraph": {
        const alignment = alignmentOf(node);
        out.push(
          new Paragraph({
            alignment,
            spacing: BODY_SPACING,
            indent: list || alignment === AlignmentType.CENTER || alignment === AlignmentType.RIGHT ? undefined : { firstLine: 32 * 20 },
            numbering: list ? { reference: list.ordered ? "ordered" : "bullets", level: list.level, instance: list.instance } : undefined,
            children: textRuns(node.content, BODY_RUN),
          }),
        );
        break;
      }
      case "heading": {
        const level = Number(node.attrs?.level ?? 2);
        const spec = level === 2 ? FONTS.heading2 : level === 3 ? FONTS.heading3 : FONTS.body;
        out.push(
          new Paragraph({
            alignment: alignmentOf(node),
            spacing: BODY_SPACING,
            indent: { firstLine: 32 * 20 },
            heading: level === 2 ? "Heading1" : level === 3 ? "Heading2" : "Heading3",
            children: textRuns(node.content, { font: font(spec), size: 16 * PT, bold: level === 4, color: "000000" }),
          }),
        );
        break;
      }
      case "bulletList":
      case "orderedList": {
        const ordered = node.type === "orderedList";
        const instance = list ? list.instance : ++context.listInstance;
        for (const item of node.content ?? []) {
          out.push(...(await blocks(item.content, context, { ordered, level: list ? Math.min(list.level + 1, 8) : 0, instance })));
        }
        break;
      }
      case "blockquote":
        for (const child of await blocks(node.content, context, list)) out.push(child);
        break;
      case "table": {
        const rows = [];
        for (const row of node.content ?? []) {
          const cells = [];
          for (const cell of row.content ?? []) {
            const content = (await blocks(cell.content, context)).filter((child): child is Paragraph => child instanceof Paragraph);
            cells.push(new TableCell({ children: content.length > 0 ? content : [new Paragraph("")], columnSpan: Number(cell.attrs?.colspan ?? 1), rowSpan: Number(cell.attrs?.rowspan ?? 1) }));
          }
          rows.push(new TableRow({ children: cells }));
        }
        if (rows.length > 0) out.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
        break;
      }
      case "figure":
        out.push(...(await figure(node, context)));
        break;
      default:
        break;
    }
  }
  return out;
}

/** The photo at the page's text width (never enlarged), keeping its proportions. */
function photoSize(image: { width: number; height: number }): { width: number; height: number } {
  if (!(image.width > 0 && image.height > 0)) return { width: PHOTO_MAX_WIDTH, height: Math.round((PHOTO_MAX_WIDTH * 2) / 3) };
  const width = Math.min(PHOTO_MAX_WIDTH, image.width);
  return { width, height: Math.max(1, Math.round((image.height * width) / image.width)) };
}

async function figure(node: JSONContent, context: Context): Promise<Paragraph[]> {
  const attrs = node.attrs ?? {};
  const caption = typeof attrs.caption === "string" ? attrs.caption : "";
  const credit = typeof attrs.credit === "string" ? attrs.credit : "";
  // A figure without a photo to export is null; a failure to read one refuses the export (a
  // Word file quietly missing its photos would go out as it is).
  const image = context.figureBytes ? await context.figureBytes({ src: attrs.src ?? null, mediaId: attrs.mediaId ?? null }) : null;
  const out: Paragraph[] = [];
  if (image) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: image.type, data: image.data, transformation: photoSize(image), altText: { name: "photo", description: attrs.alt ?? "", title: attrs.alt ?? "" } })],
      }),
    );
  }
  if (caption || credit) {
    // Without the photo the ▲ says "a photo stood here", as newspapers print it.
    const text = `${image ? "" : "▲"}${caption}${credit ? `（${credit}）` : ""}`;
    out.push(centred(text, { font: font(FONTS.heading3), size: 14 * PT }));
  }
  return out;
}

export async function exportReportDocx(fields: ExportFields, content: TiptapDoc, options: { figureBytes?: FigureBytes } = {}): Promise<Buffer> {
  const head: Paragraph[] = [];
  // Smaller than 16 pt: the importer takes a centred line of 16 pt or more for the title.
  if (fields.kicker) head.push(centred(fields.kicker, { font: font(FONTS.heading3), size: 14 * PT }));
  head.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 36 * 20, lineRule: "atLeast" }, children: [new TextRun({ text: fields.title, font: font(FONTS.title), size: 22 * PT, bold: true })] }));
  if (fields.subtitle) head.push(centred(`——${fields.subtitle}`, { font: font(FONTS.heading3), size: 14 * PT }));
  const labels = [fields.issueDate ?? "", fields.byline ? `作者：${fields.byline}` : "", fields.source ? `来源：${fields.source}` : ""].filter(Boolean);
  if (labels.length > 0) head.push(centred(labels.join("  "), { ...BODY_RUN, size: 14 * PT }));
  if (fields.originalTitle) head.push(centred(`（原标题）${fields.originalTitle}`, { ...BODY_RUN, size: 14 * PT }));

  const context: Context = { figureBytes: options.figureBytes, listInstance: 0 };
  const body = await blocks(content.content, context);
  const tail = fields.responsibleEditor ? [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: BODY_SPACING, children: [new TextRun({ ...BODY_RUN, text: `责任编辑：${fields.responsibleEditor}` })] })] : [];

  const document = new Document({
    creator: "机关党建工作综述 CMS",
    title: fields.title,
    styles: { default: { document: { run: { font: font(FONTS.body), size: 16 * PT } } } },
    numbering: {
      config: [
        { reference: "ordered", levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.LEFT })) },
        { reference: "bullets", levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT })) },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        children: [...head, ...body, ...tail],
      },
    ],
  });
  return Packer.toBuffer(document);
}
