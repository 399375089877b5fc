import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { checkReport, createChecker, type ReportFinding } from "./index";
import { documentText } from "./document";

const p = (text: string): JSONContent => (text === "" ? { type: "paragraph" } : { type: "paragraph", content: [{ type: "text", text }] });
const h = (level: number, text: string): JSONContent => ({ type: "heading", attrs: { level }, content: [{ type: "text", text }] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const fields = { title: "市直机关党建五年工作综述", source: "", originalTitle: "" };

const structural = (findings: ReportFinding[]) => findings.filter((f) => f.kind === "structure").map((f) => `${f.rule}/${f.severity}@${f.field}${f.block ? `[${f.block.path.join(",")}]` : ""}`);

describe("structure", () => {
  it("empty paragraphs and empty table rows", () => {
    const table: JSONContent = {
      type: "table",
      content: [
        { type: "tableRow", content: [{ type: "tableCell", content: [p("单位")] }, { type: "tableCell", content: [p("党员数")] }] },
        { type: "tableRow", content: [{ type: "tableCell", content: [p("")] }, { type: "tableCell", content: [p(" ")] }] },
      ],
    };
    expect(structural(checkReport({ fields, content: doc(p("第一段。"), p(""), table, p("")) }))).toEqual([
      "structure.empty-paragraph/hint@body[1]",
      "structure.empty-table-row/warning@body[2,1]",
    ]);
  });

  it("figures without image or alt text", () => {
    const figure = (attrs: Record<string, unknown>): JSONContent => ({ type: "figure", attrs });
    const findings = checkReport({
      fields,
      content: doc(
        figure({ src: "", alt: "", caption: "▲市直机关党员志愿者走进社区" }),
        figure({ src: "/media/a.jpg", alt: "志愿服务现场" }),
        figure({ src: "/media/b.jpg", alt: "" }),
      ),
    });
    // A figure waiting for its photo needs no alt text yet; one with a photo does.
    expect(structural(findings)).toEqual(["structure.figure-no-image/warning@body[0]", "structure.figure-no-alt/warning@body[2]"]);
  });

  it("skipped heading levels", () => {
    expect(structural(checkReport({ fields, content: doc(h(2, "培根铸魂写忠诚"), h(4, "理论武装"), h(3, "强基固本")) }))).toEqual([
      "structure.heading-skip/warning@body[1]",
    ]);
    expect(structural(checkReport({ fields, content: doc(h(4, "理论武装")) }))).toEqual(["structure.heading-skip/warning@body[0]"]);
    // The importer files sections as 标题三 under the title and subtitle fields.
    expect(structural(checkReport({ fields, content: doc(h(3, "培根铸魂写忠诚"), h(4, "理论武装")) }))).toEqual([]);
    expect(structural(checkReport({ fields, content: doc(h(2, "一"), h(3, "二"), h(2, "三"), h(3, "四")) }))).toEqual([]);
  });

  it("a reprint without 来源 is an error", () => {
    const reprint = { ...fields, originalTitle: "初心如磐向未来 向史而新再奋斗" };
    expect(structural(checkReport({ fields: reprint, content: doc(p("正文。")) }))).toEqual(["structure.reprint-no-source/error@source"]);
    expect(structural(checkReport({ fields: { ...reprint, source: "闽南日报" }, content: doc(p("正文。")) }))).toEqual([]);
    expect(structural(checkReport({ fields, content: doc(p("正文。")) }))).toEqual([]);
    expect(structural(checkReport({ fields, content: doc(p("转自闽南日报"), p("正文。")) }))).toEqual(["structure.reprint-no-source/error@source"]);
    expect(structural(checkReport({ fields, content: doc(p("规范网络转载行为，严禁未经授权转载。")) }))).toEqual([]);
  });

  it("a title over length", () => {
    const title = "以高质量党建引领保障高质量发展，奋力谱写中国式现代化建设的机关篇章——市直机关党建五年工作综述";
    expect(structural(checkReport({ fields: { ...fields, title }, content: doc(p("正文。")) }))).toEqual(["structure.title-length/warning@title"]);
    expect(structural(createChecker({ maxTitleLength: 60 }).checkReport({ fields: { ...fields, title }, content: doc(p("正文。")) }))).toEqual([]);
  });
});

describe("locations in the document", () => {
  const content = doc(
    h(2, "发挥“头雁效应”"),
    p(""),
    { type: "paragraph", content: [{ type: "text", text: "以上率下，" }, { type: "hardBreak" }, { type: "text", text: "深学细悟，，市委坚决扛起主体责任。" }] },
    {
      type: "table",
      content: [{ type: "tableRow", content: [{ type: "tableCell", content: [p("单位")] }, { type: "tableCell", content: [p("开展“三会一棵”")] }] }],
    },
    { type: "figure", attrs: { src: "/a.jpg", alt: "x", caption: "▲学习**精神" } },
  );

  it("builds the plain text as the renderer does", () => {
    expect(documentText(content).text).toBe("发挥“头雁效应”\n以上率下，\n深学细悟，，市委坚决扛起主体责任。\n单位\t开展“三会一棵”\n▲学习**精神");
  });

  it("maps body findings to block and in-block offset, and to a ProseMirror position", () => {
    const checker = createChecker();
    const report = { fields, content };
    const findings = checker.checkReport(report).filter((f) => f.field === "body" && f.kind !== "structure");
    const doubled = findings.find((f) => f.rule === "punctuation.doubled")!;
    expect(doubled.block).toEqual({ path: [2], type: "paragraph", offset: 10 });
    // doc > heading(2 + 8) + empty paragraph (2) + paragraph: 1 to enter, then offset 10.
    expect(checker.positionOf(report, doubled)).toBe(10 + 2 + 1 + 10);
    expect(checker.rangeOf(report, doubled)).toEqual({ from: 23, to: 25 });
    const inCell = findings.find((f) => f.rule === "formulation.homophone")!;
    expect(inCell.block).toEqual({ path: [3, 0, 1, 0], type: "paragraph", offset: 3 });
    const inCaption = findings.find((f) => f.rule === "placeholder.mark")!;
    expect(inCaption.block).toEqual({ path: [4], type: "figure", offset: 3 });
    // The figure is an atom: its range is the node. Table: 2 + row (2 + cell(2 + p(2+2)) + cell(2 + p(2+8))) = 22.
    const figureStart = 10 + 2 + (2 + 5 + 1 + 17) + 22;
    expect(checker.rangeOf(report, inCaption)).toEqual({ from: figureStart, to: figureStart + 1 });
    expect(checker.rangeOf(report, inCell)).toEqual({ from: checker.positionOf(report, inCell), to: checker.positionOf(report, inCell)! + 4 });
  });

  it("checks the text fields too", () => {
    const findings = checkReport({ fields: { ...fields, subtitle: "市直机关党建五年工作综述,," }, content: doc(p("正文。")) });
    expect(findings.filter((f) => f.field === "subtitle").map((f) => f.rule)).toContain("punctuation.halfwidth");
  });
});

describe("structural findings carry their node", () => {
  it("names the node type and maps to its ProseMirror position", () => {
    const checker = createChecker();
    const report = { fields, content: doc(p("第一段。"), p(""), p("末段。")) };
    const empty = checker.checkReport(report).find((f) => f.rule === "structure.empty-paragraph")!;
    expect(empty.block).toEqual({ path: [1], type: "paragraph", offset: 0 });
    expect(checker.positionOf(report, empty)).toBe(6 + 1);
    // A structural finding covers its node: the empty paragraph sits between positions 6 and 8.
    expect(checker.rangeOf(report, empty)).toEqual({ from: 6, to: 8 });
  });
});
