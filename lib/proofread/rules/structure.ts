import type { JSONContent } from "@tiptap/core";
import type { RawFinding } from "../types";

const SOURCE = "稿件结构规范";

/** A structural finding: anchored at a block (path) of the body, or at a field. */
export interface StructureFinding extends RawFinding {
  field: string;
  path?: number[];
  /** Node type at `path` (paragraph, figure, tableRow…). */
  nodeType?: string;
}

export interface ReportFieldsLike {
  title?: string;
  source?: string;
  originalTitle?: string;
  byline?: string;
  [name: string]: string | undefined | null;
}

export interface StructureOptions {
  /** Longest title, in characters, before a warning. */
  maxTitleLength: number;
}

function isBlank(node: JSONContent): boolean {
  return (node.content ?? []).every((child) => (child.type === "text" ? (child.text ?? "").trim() === "" : child.type === "hardBreak"));
}

function cellIsBlank(cell: JSONContent): boolean {
  return (cell.content ?? []).every((block) => isBlank(block));
}

function at(path: number[], nodeType: string, rule: string, message: string, text = ""): StructureFinding {
  return { field: "body", path, nodeType, rule, offset: 0, length: 0, text, message, source: SOURCE };
}

function walk(node: JSONContent, path: number[], out: StructureFinding[], headings: Array<{ level: number; path: number[]; text: string }>): void {
  const type = node.type;
  if (type === "paragraph") {
    if (isBlank(node)) out.push(at(path, "paragraph", "structure.empty-paragraph", "空段落：删除多余的空行"));
    return;
  }
  if (type === "heading") {
    const text = (node.content ?? []).map((child) => child.text ?? "").join("");
    if (text.trim() === "") out.push(at(path, "heading", "structure.empty-heading", "空标题：请填写小标题或删除"));
    else headings.push({ level: Number((node.attrs as { level?: unknown } | undefined)?.level ?? 2), path, text });
    return;
  }
  if (type === "figure") {
    const attrs = (node.attrs ?? {}) as { src?: unknown; alt?: unknown };
    const hasImage = typeof attrs.src === "string" && attrs.src.trim() !== "";
    if (!hasImage) out.push(at(path, "figure", "structure.figure-no-image", "插图没有图片：请上传图片或删除该插图"));
    // Alt text describes a photo: a figure still waiting for its photo needs none yet.
    else if (typeof attrs.alt !== "string" || attrs.alt.trim() === "") out.push(at(path, "figure", "structure.figure-no-alt", "插图缺少替代文字（供读屏软件朗读的图片说明）"));
    return;
  }
  if (type === "table") {
    (node.content ?? []).forEach((row, r) => {
      if ((row.content ?? []).every(cellIsBlank)) out.push(at([...path, r], "tableRow", "structure.empty-table-row", "表格中有空行：请填写或删除"));
    });
    return;
  }
  (node.content ?? []).forEach((child, i) => walk(child, [...path, i], out, headings));
}

/**
 * Headings go down one level at a time. The first may be 标题二 or 标题三: the
 * plain-text importer files section headings as level 3 under the title and
 * subtitle fields, and an outline that starts there reads correctly.
 */
function headingLevels(headings: Array<{ level: number; path: number[]; text: string }>, out: StructureFinding[]): void {
  let previous = 2;
  for (const heading of headings) {
    if (heading.level > previous + 1) {
      out.push({
        ...at(heading.path, "heading", "structure.heading-skip", previous === 2 && heading === headings[0] ? `正文的第一个小标题不宜直接使用“标题${"一二三四"[heading.level - 1]}”` : `标题层级跳级：“标题${"一二三四"[previous - 1]}”之后直接出现“标题${"一二三四"[heading.level - 1]}”`, heading.text),
        length: heading.text.length,
      });
    }
    previous = heading.level;
  }
}

/** A reprint notice as the first lines of the body state it: 转自…, 来源：…, （原标题）…. */
const REPRINT_HINT = /^\s*(?:转载自|转自|本文转载|来源[:：]|[(（]?原标题[)）:：])/m;

export function structureRule(fields: ReportFieldsLike, content: JSONContent | undefined, bodyText: string, options: StructureOptions): StructureFinding[] {
  const out: StructureFinding[] = [];
  const headings: Array<{ level: number; path: number[]; text: string }> = [];
  if (content) (content.content ?? []).forEach((child, i) => walk(child, [i], out, headings));
  // The editor keeps an empty paragraph at the end of the document (its trailing-node helper)
  // so that the cursor can get below a table or figure: that one is not the author's.
  const last = (content?.content ?? []).length - 1;
  const trailing = out.findIndex((f) => f.rule === "structure.empty-paragraph" && f.path?.length === 1 && f.path[0] === last);
  if (trailing !== -1) out.splice(trailing, 1);
  headingLevels(headings, out);

  const source = (fields.source ?? "").trim();
  const isReprint = (fields.originalTitle ?? "").trim() !== "" || REPRINT_HINT.test(bodyText.split("\n", 5).join("\n"));
  if (isReprint && source === "") {
    out.push({ field: "source", rule: "structure.reprint-no-source", offset: 0, length: 0, text: "", message: "转载稿件须注明来源：请填写“来源”", source: "《互联网新闻信息服务管理规定》第十五条：转载应注明新闻信息来源" });
  }
  const title = (fields.title ?? "").trim();
  if (title.length > options.maxTitleLength) {
    out.push({
      field: "title",
      rule: "structure.title-length",
      offset: 0,
      length: title.length,
      text: title,
      message: `标题共 ${title.length} 字，超过 ${options.maxTitleLength} 字：宜精简，或把说明性内容移到副标题`,
      source: SOURCE,
    });
  }
  return out;
}
