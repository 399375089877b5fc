/**
 * Server-side gate for report content (Tiptap JSON).
 *
 * Content is refused, never repaired: an unknown node, mark or attribute is an
 * error rather than something to drop silently, because dropping would lose
 * what the author wrote without telling them. Messages are for the author
 * (Simplified Chinese); `code`, `path` and `detail` are for the program.
 */
import type { JSONContent } from "@tiptap/core";
import { Node as PMNode, type Schema } from "@tiptap/pm/model";
import { getContentSchema, HEADING_LEVELS, TEXT_ALIGNMENTS } from "./extensions";
import { hasUnsafeTextChars } from "@/lib/validation/text";
import { isSafeImageSrc, isSafeLinkHref } from "./urls";

/** Tiptap/ProseMirror JSON of a report body; the root is always `doc`. */
export type TiptapDoc = JSONContent;

export const MAX_CONTENT_JSON_BYTES = 2 * 1024 * 1024;
export const MAX_CONTENT_TEXT_CHARS = 200_000;
/** Far deeper than any real report (tables in lists in quotes); stops stack abuse. */
export const MAX_CONTENT_DEPTH = 64;

export type ContentErrorCode =
  | "not_object"
  | "invalid_json"
  | "too_large"
  | "too_long"
  | "too_deep"
  | "invalid_root"
  | "invalid_shape"
  | "unknown_node"
  | "unknown_mark"
  | "unknown_attribute"
  | "invalid_attribute"
  | "invalid_text"
  | "unsafe_link"
  | "unsafe_image"
  | "invalid_structure";

export interface ContentError {
  code: ContentErrorCode;
  /** For the author, in Simplified Chinese. */
  message: string;
  /** Where in the JSON, e.g. `content[3].content[0].marks[1]`. */
  path?: string;
  /** Technical detail for logs (English, from ProseMirror where applicable). */
  detail?: string;
}

export type ParseContentResult = { ok: true; doc: TiptapDoc } | { ok: false; error: ContentError };

/** Names authors recognise, for formats they may paste from elsewhere. */
const FORMAT_LABELS: Record<string, string> = {
  codeBlock: "代码块",
  code: "行内代码",
  image: "图片（请使用插图）",
  highlight: "高亮",
  textStyle: "文字样式",
  color: "文字颜色",
  subscript: "下标",
  superscript: "上标",
  taskList: "任务列表",
  taskItem: "任务列表",
  iframe: "嵌入网页",
  video: "视频",
  mention: "提及",
  emoji: "表情",
  details: "折叠块",
  mathematics: "公式",
  paragraph: "段落",
  heading: "标题",
  link: "链接",
  figure: "插图",
  table: "表格",
  tableCell: "表格单元格",
  tableHeader: "表头单元格",
  orderedList: "编号列表",
  bulletList: "项目符号列表",
};

function label(name: string): string {
  return FORMAT_LABELS[name] ?? name;
}

class ContentRefusal extends Error {
  constructor(readonly contentError: ContentError) {
    super(contentError.message);
  }
}

function refuse(code: ContentErrorCode, message: string, path: string, detail?: string): never {
  throw new ContentRefusal({ code, message, path, ...(detail !== undefined ? { detail } : {}) });
}

type JsonObject = Record<string, unknown>;

/** `content[3].marks[0]`-style location for error reports; the root is "". */
function at(path: string, segment: string): string {
  if (segment.startsWith("[")) return `${path}${segment}`;
  return path === "" ? segment : `${path}.${segment}`;
}

function isPlainObject(value: unknown): value is JsonObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// ---------------------------------------------------------------------------
// Attribute values. Every attribute the schema knows has a check here; the
// values end up in HTML attributes and inline styles, so "any string" is not
// good enough for most of them.
// ---------------------------------------------------------------------------

type AttrCheck = (value: unknown) => boolean;

const isNull = (value: unknown): boolean => value === null;
const oneOf =
  (...allowed: readonly unknown[]): AttrCheck =>
  (value) =>
    allowed.includes(value);
const optionalString =
  (maxLength: number): AttrCheck =>
  (value) =>
    value === null || (typeof value === "string" && value.length <= maxLength);
const intBetween =
  (min: number, max: number): AttrCheck =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const columnWidths: AttrCheck = (value) =>
  value === null ||
  (Array.isArray(value) && value.length <= 1000 && value.every((width) => intBetween(1, 10_000)(width)));

const textAlign = oneOf(null, ...TEXT_ALIGNMENTS);
const cellAttrs: Record<string, AttrCheck> = {
  colspan: intBetween(1, 1000),
  rowspan: intBetween(1, 1000),
  colwidth: columnWidths,
  align: oneOf(null, "left", "center", "right"),
};

/** Checks per node/mark type; href and src are checked separately for their own error codes. */
const ATTR_CHECKS: Record<string, Record<string, AttrCheck>> = {
  paragraph: { textAlign },
  heading: { textAlign, level: oneOf(...HEADING_LEVELS) },
  orderedList: { start: intBetween(0, 1_000_000), type: oneOf(null, "1", "a", "A", "i", "I") },
  tableCell: cellAttrs,
  tableHeader: cellAttrs,
  figure: {
    // null: waiting for its photo (an imported caption whose image has not been uploaded yet).
    src: (value) => typeof value === "string" || value === null,
    alt: optionalString(1000),
    caption: optionalString(2000),
    credit: optionalString(500),
    mediaId: optionalString(200),
  },
  link: {
    href: (value) => typeof value === "string",
    // Pasted links and older clients may carry these. They are checked, then dropped from the
    // stored JSON (see PRESENTATION_ATTRS): the renderers set rel and target themselves.
    target: oneOf(null, "_blank", "_self"),
    rel: optionalString(200),
    class: optionalString(200),
    title: optionalString(500),
  },
};

/** Attributes that must be present in the JSON (their schema default is not acceptable). */
const REQUIRED_ATTRS: Record<string, readonly string[]> = {
  heading: ["level"],
  figure: ["src"],
  link: ["href"],
};

function checkAttrs(kind: "node" | "mark", typeName: string, schemaAttrs: Record<string, unknown>, attrs: unknown, path: string): void {
  if (attrs === undefined || attrs === null) {
    if (REQUIRED_ATTRS[typeName]?.length) {
      refuse("invalid_attribute", `「${label(typeName)}」缺少必需的属性：${REQUIRED_ATTRS[typeName].join("、")}`, path);
    }
    return;
  }
  if (!isPlainObject(attrs)) refuse("invalid_shape", "正文结构不正确，无法保存", at(path, "attrs"), "attrs is not an object");

  for (const name of Object.keys(attrs)) {
    if (!Object.hasOwn(schemaAttrs, name)) {
      refuse("unknown_attribute", `正文中的「${label(typeName)}」包含不支持的属性：${name}`, at(path, `attrs.${name}`));
    }
  }
  for (const name of REQUIRED_ATTRS[typeName] ?? []) {
    if (attrs[name] === undefined) {
      refuse("invalid_attribute", `「${label(typeName)}」缺少必需的属性：${name}`, at(path, "attrs"));
    }
  }
  const checks = ATTR_CHECKS[typeName] ?? {};
  for (const [name, value] of Object.entries(attrs)) {
    // An attribute without a listed check exists in the schema but is not expected to be set.
    const check = checks[name] ?? isNull;
    if (value !== undefined && !check(value)) {
      refuse("invalid_attribute", `正文中的「${label(typeName)}」属性 ${name} 的值不正确`, at(path, `attrs.${name}`));
    }
  }

  if (kind === "mark" && typeName === "link" && !isSafeLinkHref(attrs.href)) {
    refuse("unsafe_link", "链接地址不安全：只允许 http、https、mailto 或以 / 开头的站内地址", at(path, "attrs.href"));
  }
  // An empty or null src is a figure whose photo is still to come (「待补图片」, an imported caption).
  if (kind === "node" && typeName === "figure" && attrs.src !== "" && attrs.src !== null && !isSafeImageSrc(attrs.src)) {
    refuse("unsafe_image", "图片地址不安全：只允许 http、https 或以 / 开头的站内地址", at(path, "attrs.src"));
  }
  // No attribute may carry what PostgreSQL or the HTML cannot hold (a lone surrogate in a URL
  // also broke the renderer's encodeURI with a 500).
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === "string" && hasUnsafeTextChars(value)) {
      refuse("invalid_text", "正文包含无法显示的控制字符，请删除后再保存", at(path, `attrs.${name}`));
    }
  }
}

// ---------------------------------------------------------------------------
// Tree walk: shape, known types, attributes, text. ProseMirror checks the
// content model afterwards; this pass exists because ProseMirror silently
// ignores unknown attributes and reports everything else in English.
// ---------------------------------------------------------------------------

const NODE_KEYS = new Set(["type", "attrs", "content", "marks", "text"]);
const MARK_KEYS = new Set(["type", "attrs"]);
/**
 * Attributes that only decide how a link looks or where it opens. A client never chooses them:
 * a stored `class` once laid an editor's link over the reviewer's whole screen (issue 9). They
 * are removed before the JSON is parsed, so the schema's defaults (null) are what gets stored.
 */
const PRESENTATION_ATTRS: Record<string, readonly string[]> = { link: ["class", "target", "rel"] };

/** A copy of a (walked, well-formed) node tree without presentation attributes on its marks. */
function withoutPresentation(node: JsonObject): JsonObject {
  const copy: JsonObject = { ...node };
  if (Array.isArray(node.marks)) {
    copy.marks = node.marks.map((mark: JsonObject) => {
      const dropped = PRESENTATION_ATTRS[mark.type as string];
      if (!dropped || !isPlainObject(mark.attrs)) return mark;
      return { ...mark, attrs: Object.fromEntries(Object.entries(mark.attrs).filter(([name]) => !dropped.includes(name))) };
    });
  }
  if (Array.isArray(node.content)) copy.content = node.content.map((child: JsonObject) => withoutPresentation(child));
  return copy;
}

/** Characters of text, counting an astral character (emoji, rare Han) once. */
function codePointLength(text: string): number {
  let surrogatePairs = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) surrogatePairs++;
  }
  return text.length - surrogatePairs;
}

interface WalkState {
  schema: Schema;
  textChars: number;
}

function checkMarks(marks: unknown, state: WalkState, path: string): void {
  if (marks === undefined) return;
  if (!Array.isArray(marks)) refuse("invalid_shape", "正文结构不正确，无法保存", at(path, "marks"), "marks is not an array");
  marks.forEach((mark: unknown, index) => {
    const markPath = at(path, `marks[${index}]`);
    if (!isPlainObject(mark)) refuse("invalid_shape", "正文结构不正确，无法保存", markPath, "mark is not an object");
    for (const key of Object.keys(mark)) {
      if (!MARK_KEYS.has(key)) refuse("invalid_shape", "正文结构不正确，无法保存", markPath, `unexpected key "${key}" on mark`);
    }
    if (typeof mark.type !== "string") refuse("invalid_shape", "正文结构不正确，无法保存", markPath, "mark type is not a string");
    const markType = state.schema.marks[mark.type];
    if (!markType) refuse("unknown_mark", `正文包含不支持的文字格式：${label(mark.type)}`, markPath);
    checkAttrs("mark", mark.type, markType.spec.attrs ?? {}, mark.attrs, markPath);
  });
}

function walkNode(node: unknown, state: WalkState, path: string, depth: number): void {
  if (depth > MAX_CONTENT_DEPTH) refuse("too_deep", "正文嵌套层级过深，无法保存", path);
  if (!isPlainObject(node)) refuse("invalid_shape", "正文结构不正确，无法保存", path, "node is not an object");
  for (const key of Object.keys(node)) {
    if (!NODE_KEYS.has(key)) refuse("invalid_shape", "正文结构不正确，无法保存", path, `unexpected key "${key}" on node`);
  }
  if (typeof node.type !== "string") refuse("invalid_shape", "正文结构不正确，无法保存", path, "node type is not a string");
  const nodeType = state.schema.nodes[node.type];
  if (!nodeType) refuse("unknown_node", `正文包含不支持的格式：${label(node.type)}`, path);

  checkAttrs("node", node.type, nodeType.spec.attrs ?? {}, node.attrs, path);
  checkMarks(node.marks, state, path);

  if (node.type === "text") {
    if (typeof node.text !== "string" || node.text === "") {
      refuse("invalid_shape", "正文结构不正确，无法保存", path, "text node without text");
    }
    if (hasUnsafeTextChars(node.text)) refuse("invalid_text", "正文包含无法显示的控制字符，请删除后再保存", path);
    state.textChars += codePointLength(node.text);
  } else if (node.text !== undefined) {
    refuse("invalid_shape", "正文结构不正确，无法保存", path, `"text" on a ${node.type} node`);
  }

  if (node.type === "figure" && isPlainObject(node.attrs)) {
    for (const key of ["alt", "caption", "credit"] as const) {
      const value = node.attrs[key];
      if (typeof value === "string") state.textChars += codePointLength(value);
    }
  }

  if (node.content !== undefined) {
    if (!Array.isArray(node.content)) refuse("invalid_shape", "正文结构不正确，无法保存", at(path, "content"), "content is not an array");
    node.content.forEach((child: unknown, index) => walkNode(child, state, at(path, `content[${index}]`), depth + 1));
  }
}

function jsonByteLength(input: JsonObject): number {
  let json: string;
  try {
    json = JSON.stringify(input);
  } catch (error) {
    // Cycles, BigInt, or nesting deep enough to exhaust the stack.
    refuse("invalid_json", "正文数据无法读取", "", error instanceof Error ? error.message : String(error));
  }
  return new TextEncoder().encode(json).length;
}

function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** Validates content and also returns the ProseMirror node, for the renderer. */
export function parseContentNode(
  input: unknown,
): { ok: true; doc: TiptapDoc; node: PMNode } | { ok: false; error: ContentError } {
  try {
    if (!isPlainObject(input)) refuse("not_object", "正文格式不正确", "", "content is not a JSON object");
    if (input.type !== "doc") refuse("invalid_root", "正文格式不正确", "", 'root node is not "doc"');
    if (jsonByteLength(input) > MAX_CONTENT_JSON_BYTES) {
      refuse("too_large", `正文数据过大，超过 ${MAX_CONTENT_JSON_BYTES / 1024 / 1024} MB`, "");
    }

    const state: WalkState = { schema: getContentSchema(), textChars: 0 };
    walkNode(input, state, "", 0);
    if (state.textChars > MAX_CONTENT_TEXT_CHARS) {
      refuse("too_long", `正文过长，超过 ${formatCount(MAX_CONTENT_TEXT_CHARS)} 字`, "");
    }

    let node: PMNode;
    try {
      node = PMNode.fromJSON(state.schema, withoutPresentation(input));
      node.check();
    } catch (error) {
      refuse("invalid_structure", "正文结构不正确，无法保存", "", error instanceof Error ? error.message : String(error));
    }
    return { ok: true, doc: node.toJSON() as TiptapDoc, node };
  } catch (error) {
    if (error instanceof ContentRefusal) return { ok: false, error: error.contentError };
    throw error;
  }
}

/**
 * Accepts Tiptap JSON only if every node, mark and attribute is part of the
 * report schema, links and images point where they may, the structure is
 * valid ProseMirror and the size is within limits. On success `doc` is the
 * canonical JSON (ProseMirror's own serialisation, defaults filled in).
 */
export function parseContent(input: unknown): ParseContentResult {
  const result = parseContentNode(input);
  return result.ok ? { ok: true, doc: result.doc } : { ok: false, error: result.error };
}
