// Renders the comparison components to static markup (as a server component would be).
// A .ts file with createElement: the unit project collects components/**/*.test.ts.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TiptapDoc } from "@/lib/content/validate";
import { diffReports, type ReportSnapshot } from "@/lib/reports/rules/compare-revisions";
import { ConflictComparison, RevisionDiff } from "./revision-diff";

function p(text: string, bold = false): TiptapDoc {
  return { type: "paragraph", content: [bold ? { type: "text", text, marks: [{ type: "bold" }] } : { type: "text", text }] };
}

function snapshot(paragraphs: TiptapDoc[], fields: Partial<ReportSnapshot> = {}): ReportSnapshot {
  return {
    kicker: "",
    title: "初心如磐向未来",
    subtitle: "",
    byline: "吴静芳",
    source: "闽南日报",
    originalTitle: "",
    responsibleEditor: "",
    summary: "",
    column: "",
    tags: [],
    issueDate: "2022-01-17",
    correctionNote: "",
    content: { type: "doc", content: paragraphs },
    ...fields,
  };
}

const SAME = ["一、发挥头雁效应。", "二、以上率下一体推进。", "三、学史力行办实事。", "四、开创新局面。"];

const before = snapshot([
  ...SAME.map((text) => p(text)),
  p("累计办成民生实事1200余件。"),
  p("这一段将被删除，内容完全不同于其他段落。"),
  p("学史崇德"),
]);
const after = snapshot(
  [...SAME.map((text) => p(text)), p("累计办成民生实事1500余件。"), p("学史崇德", true), p("新增的段落：宣讲活动覆盖全市。")],
  { kicker: "向史而新再奋斗", title: "初心如磐向未来 向史而新再奋斗" },
);

/** Text a sighted reader sees: markup and visually hidden spans removed. */
function visibleText(html: string): string {
  return html
    .replace(/<span class="sr-only">[^<]*<\/span>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"');
}

describe("RevisionDiff", () => {
  const html = renderToStaticMarkup(
    createElement(RevisionDiff, { diff: diffReports(before, after), beforeLabel: "第 3 版", afterLabel: "第 4 版" }),
  );

  it("summarises the changes", () => {
    expect(html).toContain("正文：修改 2 段，新增 1 段，删除 1 段；字段变化 2 项");
    expect(html).toContain("第 3 版 → 第 4 版");
  });

  it("marks insertions and deletions inline, with text for screen readers", () => {
    expect(html).toMatch(/<del[^>]*><span class="sr-only">删除：<\/span>2<span class="sr-only">（删除结束）<\/span><\/del>/);
    expect(html).toMatch(/<ins[^>]*><span class="sr-only">新增：<\/span>5<span class="sr-only">（新增结束）<\/span><\/ins>/);
    expect(html).toContain("bg-green-100");
    expect(html).toContain("bg-red-100");
  });

  it("lists the changed fields with both versions", () => {
    expect(html).toContain("字段变化");
    expect(html).toContain("原内容");
    expect(html).toContain("新内容");
    expect(visibleText(html)).toContain("引题原内容：（空）新内容：向史而新再奋斗");
    expect(html).toMatch(/<ins[^>]*><span class="sr-only">新增：<\/span> 向史而新再奋斗/);
  });

  it("folds unchanged blocks and tags block-level changes", () => {
    expect(html).toContain("<details");
    expect(html).toContain("… 4 段未改动 …");
    expect(visibleText(html)).toContain("一、发挥头雁效应。");
    expect(html).toContain("仅格式变化");
    expect(visibleText(html)).toContain("新增段落新增的段落：宣讲活动覆盖全市。");
    expect(visibleText(html)).toContain("删除段落这一段将被删除");
  });

  it("tags a moved paragraph at both ends", () => {
    const reordered = snapshot([p(SAME[0]!), p(SAME[2]!), p(SAME[1]!), p(SAME[3]!)]);
    const moved = renderToStaticMarkup(
      createElement(RevisionDiff, { diff: diffReports(snapshot(SAME.map((text) => p(text))), reordered), beforeLabel: "甲", afterLabel: "乙" }),
    );
    expect(moved).toContain("正文：新增 1 段，删除 1 段（其中 1 段为调整位置）；字段无变化");
    expect(moved).toContain("已移走");
    expect(moved).toContain("移至此处");
  });

  it("says so when nothing changed", () => {
    const same = renderToStaticMarkup(
      createElement(RevisionDiff, { diff: diffReports(before, structuredClone(before)), beforeLabel: "甲", afterLabel: "乙" }),
    );
    expect(same).toContain("两个版本内容相同");
    expect(same).not.toContain("<ins");
    expect(same).not.toContain("<del");
  });
});

describe("ConflictComparison", () => {
  const html = renderToStaticMarkup(
    createElement(ConflictComparison, { mine: after, theirs: before, mineLabel: "我的修改", theirsLabel: "同事已保存的版本" }),
  );

  it("summarises the differences", () => {
    expect(html).toContain("共 6 处不同：字段 2 项，正文 4 段");
  });

  it("shows both versions of a differing block, each with its own highlights", () => {
    expect(html).toMatch(/民生实事1<mark[^>]*><span class="sr-only">仅此版本有：<\/span>5<span class="sr-only">（差异结束）<\/span><\/mark>00余件。/);
    expect(html).toMatch(/民生实事1<mark[^>]*><span class="sr-only">仅此版本有：<\/span>2<span class="sr-only">（差异结束）<\/span><\/mark>00余件。/);
    expect(html).not.toContain("<ins");
    expect(html).not.toContain("<del");
    expect(html).toContain("md:grid-cols-2");
    expect(html).toContain("我的修改");
    expect(html).toContain("同事已保存的版本");
  });

  it("marks the side that lacks a block and folds identical stretches", () => {
    expect(html.match(/（此版本没有这一段）/g)).toHaveLength(2);
    expect(html).toContain("… 4 段相同 …");
    expect(html).toContain("仅格式不同");
  });
});
