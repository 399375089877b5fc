import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TiptapDoc } from "@/lib/content/validate";
import { diffInline, flattenBlocks, type BlockChange, type InlinePart } from "@/lib/content/diff";
import { diffReports, type ReportSnapshot } from "./compare-revisions";

// ---------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------

type Mark = { type: string; attrs?: Record<string, unknown> };

function t(text: string, ...marks: string[]): TiptapDoc {
  return marks.length > 0 ? { type: "text", text, marks: marks.map((type): Mark => ({ type })) } : { type: "text", text };
}

function p(...content: Array<string | TiptapDoc>): TiptapDoc {
  return { type: "paragraph", content: content.map((item) => (typeof item === "string" ? t(item) : item)) };
}

function h(level: number, text: string): TiptapDoc {
  return { type: "heading", attrs: { level }, content: [t(text)] };
}

function doc(...content: TiptapDoc[]): TiptapDoc {
  return { type: "doc", content };
}

function li(...content: TiptapDoc[]): TiptapDoc {
  return { type: "listItem", content };
}

function cell(text: string, type = "tableCell"): TiptapDoc {
  return { type, content: [p(text)] };
}

function row(...cells: TiptapDoc[]): TiptapDoc {
  return { type: "tableRow", content: cells };
}

function figure(caption: string | null, credit: string | null = null, src = "/media/a.jpg"): TiptapDoc {
  return { type: "figure", attrs: { src, alt: null, caption, credit, mediaId: null } };
}

function snapshot(content: TiptapDoc, fields: Partial<ReportSnapshot> = {}): ReportSnapshot {
  return {
    kicker: "",
    title: "漳州高标准高质量开展党史学习教育综述",
    subtitle: "",
    byline: "吴静芳",
    source: "闽南日报",
    originalTitle: "",
    responsibleEditor: "小慧",
    summary: "",
    column: "",
    tags: ["党史学习教育"],
    issueDate: "2022-01-17",
    correctionNote: "",
    content,
    ...fields,
  };
}

const P1 = "2021年，漳州市上下同频共振、同心同向，从机关单位到基层一线，党史学习教育就跟进到哪里、覆盖到哪里。";
const P2 = "党史学习教育开展以来，漳州市深入贯彻落实习近平总书记关于党史学习教育的重要论述。";
const P3 = "全市各级党组织把开展党史学习教育作为重大政治任务，精心组织、周密部署。";
const P4 = "坚持学史力行，扎实开展“我为群众办实事”实践活动，累计办成民生实事1200余件。";

function kinds(blocks: BlockChange[]): string[] {
  return blocks.map((change) => change.kind);
}

function changedOf(blocks: BlockChange[]): Extract<BlockChange, { kind: "changed" }>[] {
  return blocks.filter((change): change is Extract<BlockChange, { kind: "changed" }> => change.kind === "changed");
}

function textOf(parts: InlinePart[], side: "before" | "after"): string {
  const skip = side === "before" ? "inserted" : "deleted";
  return parts
    .filter((part) => part.kind !== skip)
    .map((part) => part.text)
    .join("");
}

function changedText(parts: InlinePart[], kind: "inserted" | "deleted"): string[] {
  return parts.filter((part) => part.kind === kind).map((part) => part.text);
}

/** A sample report's paragraphs (split on blank lines), as an import would make them. */
function readParagraphs(name: string): string[] {
  const sample = readFileSync(path.join(process.cwd(), `prisma/seed-data/samples/${name}.txt`), "utf8");
  return sample
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== "");
}

// ---------------------------------------------------------------------------

describe("flattenBlocks", () => {
  it("reads the document as blocks a person sees", () => {
    const content = doc(
      h(2, "发挥“头雁效应”"),
      p(t("以上率下", "bold"), "一体推进"),
      p(),
      {
        type: "bulletList",
        content: [
          li(p("第一项"), { type: "orderedList", content: [li(p("第一项之一")), li(p("第一项之二"))] }),
          li(p("第二项")),
        ],
      },
      { type: "blockquote", content: [p("引用一"), p("引用二")] },
      { type: "table", content: [row(cell("年份", "tableHeader"), cell("件数", "tableHeader")), row(cell("2021"), cell("1200"))] },
      figure("党员志愿者走进社区", "本报记者 摄"),
      figure(null),
      { type: "horizontalRule" },
      p("第一行", { type: "hardBreak" }, "第二行"),
    );
    expect(flattenBlocks(content)).toEqual([
      { type: "heading", label: "二级标题", text: "发挥“头雁效应”" },
      { type: "paragraph", label: "段落", text: "以上率下一体推进" },
      { type: "listItem", label: "列表项", text: "第一项" },
      { type: "listItem", label: "列表项", text: "第一项之一" },
      { type: "listItem", label: "列表项", text: "第一项之二" },
      { type: "listItem", label: "列表项", text: "第二项" },
      { type: "blockquote", label: "引文", text: "引用一" },
      { type: "blockquote", label: "引文", text: "引用二" },
      { type: "tableRow", label: "表头行", text: "年份 | 件数" },
      { type: "tableRow", label: "表格行", text: "2021 | 1200" },
      { type: "figure", label: "图片", text: "图片：党员志愿者走进社区（本报记者 摄）" },
      { type: "figure", label: "图片", text: "图片（无说明）" },
      { type: "horizontalRule", label: "分隔线", text: "——" },
      { type: "paragraph", label: "段落", text: "第一行\n第二行" },
    ]);
  });

  it("returns nothing for an empty document", () => {
    expect(flattenBlocks(doc())).toEqual([]);
    expect(flattenBlocks({ type: "doc" })).toEqual([]);
  });
});

describe("diffInline", () => {
  it("marks the characters that changed in Chinese text", () => {
    const parts = diffInline("累计办成民生实事1200余件", "累计办成民生实事1500余件");
    expect(textOf(parts, "before")).toBe("累计办成民生实事1200余件");
    expect(textOf(parts, "after")).toBe("累计办成民生实事1500余件");
    expect(changedText(parts, "deleted")).toEqual(["2"]);
    expect(changedText(parts, "inserted")).toEqual(["5"]);
  });

  it("folds a short equal run between two changes into them", () => {
    const parts = diffInline("2021年3月召开", "2022年4月召开");
    expect(parts).toEqual([
      { kind: "same", text: "202" },
      { kind: "deleted", text: "1年3" },
      { kind: "inserted", text: "2年4" },
      { kind: "same", text: "月召开" },
    ]);
  });

  it("reads a rewritten phrase as one replacement, not scattered characters", () => {
    const before = "紧紧围绕总要求，将学党史、悟思想贯穿始终";
    const after = "紧紧围绕总要求，把办实事、开新局贯穿始终";
    const parts = diffInline(before, after);
    expect(textOf(parts, "before")).toBe(before);
    expect(textOf(parts, "after")).toBe(after);
    expect(changedText(parts, "deleted")).toEqual(["将学党史、悟思想"]);
    expect(changedText(parts, "inserted")).toEqual(["把办实事、开新局"]);
  });

  it("handles empty sides", () => {
    expect(diffInline("", "新")).toEqual([{ kind: "inserted", text: "新" }]);
    expect(diffInline("旧", "")).toEqual([{ kind: "deleted", text: "旧" }]);
    expect(diffInline("", "")).toEqual([]);
  });
});

describe("diffReports: body", () => {
  it("reports nothing for identical snapshots", () => {
    const content = doc(h(2, "以上率下"), p(P1), p(P2));
    const result = diffReports(snapshot(content), snapshot(structuredClone(content)));
    expect(result.fields).toEqual([]);
    expect(kinds(result.blocks)).toEqual(["same", "same", "same"]);
    expect(result.stats).toEqual({ inserted: 0, deleted: 0, changed: 0 });
  });

  it("reports one edited paragraph as one changed block with the right parts", () => {
    const edited = P2.replace("重要论述", "重要论述和重要讲话精神");
    const result = diffReports(snapshot(doc(p(P1), p(P2), p(P3))), snapshot(doc(p(P1), p(edited), p(P3))));
    expect(kinds(result.blocks)).toEqual(["same", "changed", "same"]);
    const [change] = changedOf(result.blocks);
    expect(change!.formattingOnly).toBe(false);
    expect(change!.before.text).toBe(P2);
    expect(change!.after.text).toBe(edited);
    expect(changedText(change!.parts, "inserted")).toEqual(["和重要讲话精神"]);
    expect(changedText(change!.parts, "deleted")).toEqual([]);
    expect(textOf(change!.parts, "before")).toBe(P2);
    expect(textOf(change!.parts, "after")).toBe(edited);
    expect(result.stats).toEqual({ inserted: 0, deleted: 0, changed: 1 });
  });

  it("reports a deletion inside a paragraph", () => {
    const edited = P1.replace("、同心同向", "");
    const result = diffReports(snapshot(doc(p(P1))), snapshot(doc(p(edited))));
    const [change] = changedOf(result.blocks);
    expect(changedText(change!.parts, "deleted")).toEqual(["、同心同向"]);
    expect(changedText(change!.parts, "inserted")).toEqual([]);
  });

  it("reports a paragraph inserted in the middle", () => {
    const result = diffReports(snapshot(doc(p(P1), p(P2), p(P3))), snapshot(doc(p(P1), p(P2), p(P4), p(P3))));
    expect(kinds(result.blocks)).toEqual(["same", "same", "inserted", "same"]);
    expect(result.blocks[2]).toEqual({ kind: "inserted", block: { type: "paragraph", label: "段落", text: P4 } });
    expect(result.stats).toEqual({ inserted: 1, deleted: 0, changed: 0 });
  });

  it("reports a deleted paragraph", () => {
    const result = diffReports(snapshot(doc(p(P1), p(P2), p(P3))), snapshot(doc(p(P1), p(P3))));
    expect(kinds(result.blocks)).toEqual(["same", "deleted", "same"]);
    expect(result.blocks[1]).toEqual({ kind: "deleted", block: { type: "paragraph", label: "段落", text: P2 } });
    expect(result.stats).toEqual({ inserted: 0, deleted: 1, changed: 0 });
  });

  it("reports reordered paragraphs as a move, without inventing text changes", () => {
    const result = diffReports(snapshot(doc(p(P1), p(P2), p(P3), p(P4))), snapshot(doc(p(P1), p(P3), p(P2), p(P4))));
    expect(changedOf(result.blocks)).toEqual([]);
    expect(result.blocks.filter((change) => change.kind === "same")).toHaveLength(3);
    const deleted = result.blocks.filter((change) => change.kind === "deleted");
    const inserted = result.blocks.filter((change) => change.kind === "inserted");
    expect(deleted).toHaveLength(1);
    expect(inserted).toHaveLength(1);
    expect(deleted[0]!.block.text).toBe(inserted[0]!.block.text);
    expect(deleted[0]).toMatchObject({ moved: true });
    expect(inserted[0]).toMatchObject({ moved: true });
    // Reading the "after" side in order gives the new order.
    const afterOrder = result.blocks
      .filter((change) => change.kind !== "deleted")
      .map((change) => (change.kind === "changed" ? change.after.text : change.block.text));
    expect(afterOrder).toEqual([P1, P3, P2, P4]);
  });

  it("reports bold added as a formatting-only change", () => {
    const before = doc(p(P1), p("以上率下一体推进"));
    const after = doc(p(P1), p(t("以上率下", "bold"), "一体推进"));
    const result = diffReports(snapshot(before), snapshot(after));
    expect(kinds(result.blocks)).toEqual(["same", "changed"]);
    const [change] = changedOf(result.blocks);
    expect(change!.formattingOnly).toBe(true);
    expect(change!.parts).toEqual([{ kind: "same", text: "以上率下一体推进" }]);
    expect(result.stats.changed).toBe(1);
  });

  it("reports alignment and link changes as formatting-only", () => {
    const before = doc({ type: "paragraph", attrs: { textAlign: null }, content: [t("本报讯")] }, p("详见网站"));
    const after = doc(
      { type: "paragraph", attrs: { textAlign: "center" }, content: [t("本报讯")] },
      p({ type: "text", text: "详见网站", marks: [{ type: "link", attrs: { href: "https://www.zhangzhou.gov.cn/" } }] }),
    );
    const changed = changedOf(diffReports(snapshot(before), snapshot(after)).blocks);
    expect(changed.map((change) => change.formattingOnly)).toEqual([true, true]);
  });

  it("does not report a change when marks are merely split differently", () => {
    const before = doc(p(t("以上率下一体推进", "bold")));
    const after = doc(p(t("以上率下", "bold"), t("一体推进", "bold")));
    expect(kinds(diffReports(snapshot(before), snapshot(after)).blocks)).toEqual(["same"]);
  });

  it("reports a changed heading level with both labels", () => {
    const result = diffReports(snapshot(doc(h(2, "以上率下一体推进"), p(P1))), snapshot(doc(h(3, "以上率下一体推进"), p(P1))));
    expect(kinds(result.blocks)).toEqual(["changed", "same"]);
    const [change] = changedOf(result.blocks);
    expect(change!.formattingOnly).toBe(true);
    expect(change!.before.label).toBe("二级标题");
    expect(change!.after.label).toBe("三级标题");
  });

  it("reports a paragraph turned into a heading as formatting-only", () => {
    const result = diffReports(snapshot(doc(p("以上率下一体推进"))), snapshot(doc(h(2, "以上率下一体推进"))));
    const [change] = changedOf(result.blocks);
    expect(change).toMatchObject({ formattingOnly: true, before: { type: "paragraph" }, after: { type: "heading" } });
  });

  it("reports a changed table cell as a changed row", () => {
    const table = (count: string) => ({
      type: "table",
      content: [row(cell("项目", "tableHeader"), cell("数量", "tableHeader")), row(cell("办成民生实事"), cell(count))],
    });
    const result = diffReports(snapshot(doc(p(P1), table("1200件"))), snapshot(doc(p(P1), table("1500件"))));
    expect(kinds(result.blocks)).toEqual(["same", "same", "changed"]);
    const [change] = changedOf(result.blocks);
    expect(change!.before).toEqual({ type: "tableRow", label: "表格行", text: "办成民生实事 | 1200件" });
    expect(change!.after.text).toBe("办成民生实事 | 1500件");
    expect(changedText(change!.parts, "deleted")).toEqual(["2"]);
    expect(changedText(change!.parts, "inserted")).toEqual(["5"]);
  });

  it("reports a changed figure caption", () => {
    const result = diffReports(
      snapshot(doc(p(P1), figure("党员志愿者走进社区开展宣讲", "本报记者 摄"))),
      snapshot(doc(p(P1), figure("党员志愿者走进乡村开展宣讲", "本报记者 摄"))),
    );
    expect(kinds(result.blocks)).toEqual(["same", "changed"]);
    const [change] = changedOf(result.blocks);
    expect(change!.after).toEqual({ type: "figure", label: "图片", text: "图片：党员志愿者走进乡村开展宣讲（本报记者 摄）" });
    expect(changedText(change!.parts, "deleted")).toEqual(["社区"]);
    expect(changedText(change!.parts, "inserted")).toEqual(["乡村"]);
  });

  it("reports a replaced image with the same caption as a formatting-only change", () => {
    const result = diffReports(
      snapshot(doc(figure("党员志愿者走进社区", null, "/media/a.jpg"))),
      snapshot(doc(figure("党员志愿者走进社区", null, "/media/b.jpg"))),
    );
    expect(changedOf(result.blocks)).toMatchObject([{ formattingOnly: true, after: { type: "figure" } }]);
  });

  it("keeps a rewritten paragraph apart from its neighbours when nothing is similar", () => {
    const rewritten = "这是一段完全重写的文字。";
    const result = diffReports(snapshot(doc(p(P1), p(P2), p(P3))), snapshot(doc(p(P1), p(rewritten), p(P3))));
    expect(kinds(result.blocks)).toEqual(["same", "deleted", "inserted", "same"]);
    expect(result.stats).toEqual({ inserted: 1, deleted: 1, changed: 0 });
  });

  it("pairs edited paragraphs in a run in order, leaving the new one as inserted", () => {
    const e2 = P2.replace("漳州市", "全市");
    const e3 = P3.replace("精心组织", "精心谋划");
    const result = diffReports(snapshot(doc(p(P1), p(P2), p(P3))), snapshot(doc(p(P1), p(e2), p(P4), p(e3))));
    expect(kinds(result.blocks)).toEqual(["same", "changed", "inserted", "changed"]);
  });

  it("flattens nested list items and compares them one by one", () => {
    const list = (third: string) => ({
      type: "orderedList",
      content: [li(p("学史明理"), { type: "bulletList", content: [li(p("学史增信")), li(p(third))] }), li(p("学史力行"))],
    });
    const result = diffReports(snapshot(doc(list("学史崇德"))), snapshot(doc(list("学史崇德、崇尚英雄"))));
    expect(kinds(result.blocks)).toEqual(["same", "same", "changed", "same"]);
    expect(changedText(changedOf(result.blocks)[0]!.parts, "inserted")).toEqual(["、崇尚英雄"]);
  });
});

describe("diffReports: fields", () => {
  it("lists every differing field with its Chinese label and parts", () => {
    const content = doc(p(P1));
    const result = diffReports(
      snapshot(content, { kicker: "", title: "初心如磐向未来", issueDate: "2022-01-17", tags: ["党史学习教育"] }),
      snapshot(content, {
        kicker: "向史而新再奋斗",
        title: "初心如磐向未来 向史而新再奋斗",
        issueDate: "2022-01-18",
        tags: ["党史学习教育", "漳州"],
      }),
    );
    expect(result.fields.map((field) => [field.field, field.label])).toEqual([
      ["kicker", "引题"],
      ["title", "标题"],
      ["issueDate", "日期"],
      ["tags", "标签"],
    ]);
    const [kicker, title, date, tags] = result.fields;
    expect(kicker).toMatchObject({ before: "", after: "向史而新再奋斗", parts: [{ kind: "inserted", text: "向史而新再奋斗" }] });
    expect(changedText(title!.parts, "inserted")).toEqual([" 向史而新再奋斗"]);
    expect(date!.parts).toEqual([
      { kind: "same", text: "2022-01-1" },
      { kind: "deleted", text: "7" },
      { kind: "inserted", text: "8" },
    ]);
    expect(tags).toMatchObject({ before: "党史学习教育", after: "党史学习教育、漳州" });
    expect(result.blocks).toEqual([{ kind: "same", block: { type: "paragraph", label: "段落", text: P1 } }]);
  });

  it("treats a missing date as empty", () => {
    const result = diffReports(snapshot(doc(), { issueDate: null }), snapshot(doc(), { issueDate: "2022-01-17" }));
    expect(result.fields).toEqual([
      { field: "issueDate", label: "日期", before: "", after: "2022-01-17", parts: [{ kind: "inserted", text: "2022-01-17" }] },
    ]);
  });
});

describe("diffReports: a real report", () => {
  const paragraphs = readParagraphs("zhangzhou-2022");
  const original = doc(...paragraphs.map((text) => p(text)));

  it("finds the few edits in a long report and leaves the rest untouched", () => {
    expect(paragraphs.length).toBeGreaterThan(20);
    const edited = [...paragraphs];
    const longIndex = edited.findIndex((text) => text.length > 200);
    edited[longIndex] = edited[longIndex]!.replace("党史学习教育", "党史学习教育和主题教育");
    edited.splice(10, 1); // delete a paragraph
    edited.splice(15, 0, "漳州市还组织开展了“百名讲师进百村”宣讲活动，受众达10万人次。"); // insert one
    const lastIndex = edited.length - 1;
    edited[lastIndex] = edited[lastIndex]!.replace("小慧", "小林");

    const result = diffReports(snapshot(original), snapshot(doc(...edited.map((text) => p(text)))));
    expect(result.stats).toEqual({ inserted: 1, deleted: 1, changed: 2 });
    const changed = changedOf(result.blocks);
    expect(changedText(changed[0]!.parts, "inserted")).toEqual(["和主题教育"]);
    expect(changedText(changed[1]!.parts, "deleted")).toEqual(["慧"]);
    expect(changedText(changed[1]!.parts, "inserted")).toEqual(["林"]);
    const deleted = result.blocks.find((change) => change.kind === "deleted");
    expect(deleted?.block.text).toBe(paragraphs[10]);
    expect(result.blocks.filter((change) => change.kind === "same")).toHaveLength(paragraphs.length - 3);
  });

  it("handles a twenty-thousand-character report with a few edits", () => {
    // All five sample reports, one after another: some 20,000 characters, 200 paragraphs.
    const samples = ["zhangzhou-2022", "xiamen-2022", "zhuzhou-2022", "fuzhou-2024", "redacted-city-speech-2023"];
    const long = samples.flatMap((name) => readParagraphs(name));
    const edited = long.map((text, index) => (index % 23 === 5 ? text.replace(/。/, "，并取得明显成效。") : text));
    expect(long.join("").length).toBeGreaterThan(18_000);
    const result = diffReports(snapshot(doc(...long.map((text) => p(text)))), snapshot(doc(...edited.map((text) => p(text)))));
    const expectedChanges = long.filter((text, index) => index % 23 === 5 && text.includes("。")).length;
    expect(expectedChanges).toBeGreaterThan(3);
    expect(result.stats).toEqual({ inserted: 0, deleted: 0, changed: expectedChanges });
    for (const change of changedOf(result.blocks)) {
      expect(changedText(change.parts, "inserted").join("")).toContain("并取得明显成效");
    }
  });
});
