import { describe, expect, it } from "vitest";
import { MAX_CONTENT_TEXT_CHARS, parseContent, type ContentErrorCode, type TiptapDoc } from "./validate";

const text = (value: string, marks?: TiptapDoc["marks"]): TiptapDoc => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: TiptapDoc[]): TiptapDoc => ({ type: "paragraph", content });
const doc = (...content: TiptapDoc[]): TiptapDoc => ({ type: "doc", content });
const link = (href: string, extra: Record<string, unknown> = {}): TiptapDoc =>
  doc(paragraph(text("链接", [{ type: "link", attrs: { href, ...extra } }])));
const figure = (attrs: Record<string, unknown>): TiptapDoc => doc({ type: "figure", attrs });

function expectRefused(input: unknown, code: ContentErrorCode): string {
  const result = parseContent(input);
  if (result.ok) throw new Error(`expected refusal ${code}, got ok`);
  expect(result.error.code).toBe(code);
  expect(result.error.message).toMatch(/[\u4e00-\u9fff]/u); // the author gets a Chinese message
  return result.error.message;
}

/** Every node and mark of the schema, as the editor would produce them. */
const everything: TiptapDoc = doc(
  { type: "heading", attrs: { level: 2, textAlign: "center" }, content: [text("一、总体情况")] },
  { type: "heading", attrs: { level: 4 }, content: [text("小标题")] },
  {
    type: "paragraph",
    attrs: { textAlign: "justify" },
    content: [
      text("加粗", [{ type: "bold" }]),
      text("斜体", [{ type: "italic" }]),
      text("下划线", [{ type: "underline" }]),
      text("删除线", [{ type: "strike" }]),
      { type: "hardBreak" },
      text("站内", [{ type: "link", attrs: { href: "/reports/1", target: null, rel: "noopener noreferrer nofollow", class: null } }]),
      text("邮件", [{ type: "link", attrs: { href: "mailto:dangjian@example.cn" } }]),
      text("外链", [{ type: "link", attrs: { href: "https://www.gov.cn/zhengce/", target: "_blank" } }]),
    ],
  },
  { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("一项"))] }] },
  { type: "orderedList", attrs: { start: 3, type: null }, content: [{ type: "listItem", content: [paragraph(text("第三项"))] }] },
  { type: "blockquote", content: [paragraph(text("引文"))] },
  { type: "horizontalRule" },
  {
    type: "table",
    content: [
      { type: "tableRow", content: [{ type: "tableHeader", content: [paragraph(text("项目"))] }, { type: "tableHeader", content: [paragraph(text("数量"))] }] },
      {
        type: "tableRow",
        content: [
          { type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [paragraph(text("党支部"))] },
          { type: "tableCell", attrs: { align: "right" }, content: [paragraph(text("822"))] },
        ],
      },
    ],
  },
  { type: "figure", attrs: { src: "/uploads/2024/a.jpg", alt: "会场", caption: "市直机关工委召开会议", credit: "本报记者 黄晓珍 摄", mediaId: "m_1" } },
  { type: "figure", attrs: { src: "https://img.example.cn/b.jpg" } },
);

describe("parseContent accepts", () => {
  it("every node, mark and attribute of the schema", () => {
    const result = parseContent(everything);
    expect(result.ok).toBe(true);
  });

  it("returns canonical JSON with defaults filled in", () => {
    const result = parseContent(doc(paragraph(text("党的二十大"))));
    expect(result).toEqual({
      ok: true,
      doc: { type: "doc", content: [{ type: "paragraph", attrs: { textAlign: null }, content: [{ type: "text", text: "党的二十大" }] }] },
    });
  });

  it("an empty paragraph (what a new editor holds)", () => {
    expect(parseContent(doc({ type: "paragraph" })).ok).toBe(true);
  });

  it.each(["https://example.org/a?b=1&c=2#d", "http://www.xm.gov.cn", "mailto:dangjian@example.cn", "/reports/2024/5", "/"])("link %s", (href) => {
    expect(parseContent(link(href)).ok).toBe(true);
  });
});

describe("parseContent refuses", () => {
  it.each([null, undefined, "{}", 42, [], [everything]])("a non-object: %j", (input) => {
    expectRefused(input, "not_object");
  });

  it("a root that is not doc", () => {
    expectRefused(paragraph(text("x")), "invalid_root");
  });

  it("an object with a prototype (class instance)", () => {
    expectRefused(new (class Doc { type = "doc"; })(), "not_object");
  });

  it("an unknown node type, naming it", () => {
    const message = expectRefused(doc({ type: "codeBlock", content: [text("x")] }), "unknown_node");
    expect(message).toBe("正文包含不支持的格式：代码块");
    expect(expectRefused(doc({ type: "image", attrs: { src: "/a.jpg" } }), "unknown_node")).toContain("图片");
    expect(expectRefused(doc({ type: "mysteryWidget" }), "unknown_node")).toContain("mysteryWidget");
  });

  it("an unknown mark", () => {
    expect(expectRefused(doc(paragraph(text("x", [{ type: "code" }]))), "unknown_mark")).toContain("行内代码");
    expectRefused(doc(paragraph(text("x", [{ type: "highlight", attrs: { color: "red" } }]))), "unknown_mark");
  });

  it("an unknown attribute instead of dropping it", () => {
    const message = expectRefused(doc({ type: "paragraph", attrs: { style: "color:red" }, content: [text("x")] }), "unknown_attribute");
    expect(message).toContain("style");
    expectRefused(link("https://example.org", { onclick: "alert(1)" }), "unknown_attribute");
    expectRefused(figure({ src: "/a.jpg", width: 300 }), "unknown_attribute");
    expectRefused(doc({ type: "horizontalRule", attrs: { class: "x" } }), "unknown_attribute");
  });

  it("an unknown field on a node or mark", () => {
    expectRefused(doc({ type: "paragraph", content: [text("x")], style: "x" } as TiptapDoc), "invalid_shape");
    expectRefused(doc(paragraph(text("x", [{ type: "bold", extra: 1 } as never]))), "invalid_shape");
  });

  it.each([
    ["heading level 1", doc({ type: "heading", attrs: { level: 1 }, content: [text("x")] })],
    ["heading level 5", doc({ type: "heading", attrs: { level: 5 }, content: [text("x")] })],
    ["heading without level", doc({ type: "heading", content: [text("x")] })],
    ["heading level as string", doc({ type: "heading", attrs: { level: "2" }, content: [text("x")] })],
    ["unknown alignment", doc({ type: "paragraph", attrs: { textAlign: "middle" }, content: [text("x")] })],
    ["css in column width", doc({ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: { colwidth: ["1px;background:red"] }, content: [paragraph()] }] }] })],
    ["zero colspan", doc({ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: 0 }, content: [paragraph()] }] }] })],
    ["link class as object", link("/a", { class: { x: 1 } })],
    ["link target _top", link("/a", { target: "_top" })],
    ["figure caption as number", figure({ src: "/a.jpg", caption: 5 })],
    ["ordered list type x", doc({ type: "orderedList", attrs: { type: "x" }, content: [{ type: "listItem", content: [paragraph()] }] })],
  ])("an invalid attribute value: %s", (_name, input) => {
    expectRefused(input, "invalid_attribute");
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\nscript:alert(1)",
    "java\u0000script:alert(1)",
    "\u00a0javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/a",
    "//evil.example/a",
    "/\\evil.example/a",
    "https:evil.example",
    "http://",
    "mailto:",
    "reports/1",
    "#top",
    "",
  ])("a link to %j", (href) => {
    expect(expectRefused(link(href), "unsafe_link")).toContain("链接地址不安全");
  });

  it("a link without href", () => {
    expectRefused(doc(paragraph(text("x", [{ type: "link" }]))), "invalid_attribute");
  });

  it.each(["javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo=", "mailto:a@b.cn", "//cdn.example/a.jpg", "uploads/a.jpg", " /a.jpg"])(
    "a figure src %j",
    (src) => {
      expect(expectRefused(figure({ src }), "unsafe_image")).toContain("图片地址不安全");
    },
  );

  it("accepts a figure whose photo is still to come (empty src), not a missing src", () => {
    expect(parseContent(figure({ src: "", caption: "市直机关工委召开会议" })).ok).toBe(true);
  });

  it("a figure without src", () => {
    expectRefused(figure({ caption: "说明" }), "invalid_attribute");
    expectRefused(doc({ type: "figure" }), "invalid_attribute");
  });

  it.each([
    ["text directly in doc", doc(text("x"))],
    ["paragraph in paragraph", doc(paragraph(paragraph(text("x"))))],
    ["list item outside a list", doc({ type: "listItem", content: [paragraph(text("x"))] })],
    ["empty list", doc({ type: "bulletList", content: [] })],
    ["empty doc", doc()],
    ["heading in a heading", doc({ type: "heading", attrs: { level: 2 }, content: [{ type: "heading", attrs: { level: 3 }, content: [text("x")] }] })],
    ["marks on a block", doc({ type: "paragraph", marks: [{ type: "bold" }], content: [text("x")] })],
    ["duplicate marks", doc(paragraph(text("x", [{ type: "bold" }, { type: "bold" }])))],
    ["content in an atom", doc({ type: "figure", attrs: { src: "/a.jpg" }, content: [paragraph(text("x"))] })],
  ])("an invalid structure: %s", (_name, input) => {
    expectRefused(input, "invalid_structure");
  });

  it.each([
    ["empty text node", doc(paragraph({ type: "text", text: "" }))],
    ["text node without text", doc(paragraph({ type: "text" }))],
    ["text on a paragraph", doc({ type: "paragraph", text: "x" })],
    ["content not an array", doc({ type: "paragraph", content: "x" as never })],
    ["attrs not an object", doc({ type: "paragraph", attrs: "x" as never })],
    ["type not a string", doc({ type: 5 as never })],
  ])("an invalid shape: %s", (_name, input) => {
    expectRefused(input, "invalid_shape");
  });

  it("control characters in text", () => {
    expectRefused(doc(paragraph(text("党建\u0000工作"))), "invalid_text");
    expectRefused(figure({ src: "/a.jpg", caption: "说明\u0007" }), "invalid_text");
  });

  it("over 200,000 characters of text", () => {
    const message = expectRefused(doc(paragraph(text("字".repeat(MAX_CONTENT_TEXT_CHARS + 1)))), "too_long");
    expect(message).toBe("正文过长，超过 200,000 字");
    expect(parseContent(doc(paragraph(text("字".repeat(MAX_CONTENT_TEXT_CHARS))))).ok).toBe(true);
  });

  it("captions count towards the text limit", () => {
    const half = "字".repeat(MAX_CONTENT_TEXT_CHARS / 2);
    expectRefused(doc(paragraph(text(half)), { type: "figure", attrs: { src: "/a.jpg", caption: "长" } }, paragraph(text(half))), "too_long");
  });

  it("over 2 MB of JSON", () => {
    // 30,000 aligned one-character paragraphs: little text, much JSON.
    const content = Array.from({ length: 30_000 }, () => ({ type: "paragraph", attrs: { textAlign: "justify" }, content: [text("字")] }));
    expect(expectRefused(doc(...content), "too_large")).toContain("2 MB");
  });

  it("nesting deeper than any report needs", () => {
    let node: TiptapDoc = paragraph(text("x"));
    for (let i = 0; i < 100; i++) node = { type: "blockquote", content: [node] };
    expectRefused(doc(node), "too_deep");
  });

  it("cyclic input", () => {
    const cyclic: Record<string, unknown> = { type: "doc", content: [] };
    (cyclic.content as unknown[]).push(cyclic);
    expectRefused(cyclic, "invalid_json");
  });

  it("and reports where", () => {
    const result = parseContent(doc(paragraph(text("a")), paragraph(text("b", [{ type: "link", attrs: { href: "javascript:x" } }]))));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.path).toBe("content[1].content[0].marks[0].attrs.href");
  });
});

describe("parseContent keeps no presentation attributes from the client (issue 9)", () => {
  it("drops a link's class, target and rel, keeping its href and title", () => {
    const result = parseContent(link("https://evil.example/", { class: "fixed inset-0 z-50", target: "_blank", rel: "opener", title: "提示" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const mark = result.doc.content?.[0]?.content?.[0]?.marks?.[0];
    expect(mark?.attrs).toMatchObject({ href: "https://evil.example/", title: "提示" });
    expect(mark?.attrs?.class ?? null).toBeNull();
    expect(mark?.attrs?.target ?? null).toBeNull();
    expect(mark?.attrs?.rel ?? null).toBeNull();
    expect(JSON.stringify(result.doc)).not.toContain("fixed");
  });

  it("does not change what the caller passed in", () => {
    const input = link("/a", { class: "x" });
    parseContent(input);
    expect(JSON.stringify(input)).toContain('"class":"x"');
  });
});

describe("parseContent refuses control characters everywhere text can hide", () => {
  it.each([
    ["link title", link("/a", { title: "t\u0000" })],
    ["link title with ESC", link("/a", { title: "\u001b[31m" })],
    ["figure alt", figure({ src: "/a.jpg", alt: "a\u0000" })],
    ["figure caption", figure({ src: "/a.jpg", caption: "\u0007" })],
    ["figure credit", figure({ src: "/a.jpg", credit: "\u007f" })],
    ["figure mediaId", figure({ src: "/a.jpg", mediaId: "m\u0000" })],
    ["text with a lone surrogate", doc(paragraph(text("a\ud800b")))],
    ["link href with a lone surrogate", link("https://a.example/\ud800")],
    ["figure src with a lone surrogate", figure({ src: "/media/\ud800.jpg" })],
  ])("%s", (_name, input) => {
    const result = parseContent(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/[\u4e00-\u9fff]/u);
  });
});
