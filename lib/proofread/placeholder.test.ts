import { describe, expect, it } from "vitest";
import { checkText } from "./index";
import { found } from "./test-helpers";

describe("placeholders and redaction marks", () => {
  it("flags asterisks where names and figures were removed, as errors", () => {
    const text = "来自市纪委监委等**个单位**多名党员干部畅谈心得体会。购买学习用书****套，发放到***个市直机关。";
    const findings = checkText(text).filter((f) => f.kind === "placeholder");
    expect(findings.map((f) => f.text)).toEqual(["**", "**", "****", "***"]);
    expect(findings.every((f) => f.severity === "error")).toBe(true);
    expect(text.slice(findings[2]!.offset, findings[2]!.offset + findings[2]!.length)).toBe("****");
  });

  it("flags ××, XX, □, ○○ and bracketed to-do notes", () => {
    expect(found("××同志在会上作了讲话。", "placeholder")).toHaveLength(1);
    expect(found("XX市直机关工委召开全体会议。", "placeholder")).toHaveLength(1);
    expect(found("全年共开展主题党日活动□□次。", "placeholder")).toHaveLength(1);
    expect(found("由○○同志带队赴基层调研。", "placeholder")).toHaveLength(1);
    expect(found("截至目前，共发放慰问金【待补】万元。", "placeholder")).toHaveLength(1);
    expect(found("全市共有基层党组织[待核实]个。", "placeholder")).toHaveLength(1);
    expect(found("×月×日，市直机关工委召开会议。", "placeholder")).toHaveLength(2);
  });

  it("leaves multiplication, English words and URLs alone", () => {
    expect(found("展厅面积为30×20平方米。", "placeholder")).toEqual([]);
    expect(found("尺码为XXL的文化衫已发放。", "placeholder")).toEqual([]);
    expect(found("详见 https://example.gov.cn/a*b 页面。", "placeholder")).toEqual([]);
    expect(found("2021年,漳州市上下同频共振、同心同向,从机关单位到基层一线。", "placeholder")).toEqual([]);
  });
});
