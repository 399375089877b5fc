import { describe, expect, it } from "vitest";
import { CONTEXT_LENGTH, findAnchor, makeAnchor } from "./anchor";

/** Anchor on the `occurrence`-th (0-based) occurrence of `quote` in `text`. */
function anchorOn(text: string, quote: string, occurrence = 0) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`"${quote}" occurs fewer than ${occurrence + 1} times`);
  return { start, anchor: makeAnchor(text, start, start + quote.length) };
}

describe("makeAnchor", () => {
  it("takes the quote and up to 32 characters of context on each side", () => {
    const text = "甲".repeat(40) + "党建引领" + "乙".repeat(40);
    const anchor = makeAnchor(text, 40, 44);
    expect(anchor).toEqual({ quote: "党建引领", prefix: "甲".repeat(CONTEXT_LENGTH), suffix: "乙".repeat(CONTEXT_LENGTH) });
  });

  it("takes shorter context at the edges of the text and accepts reversed or out-of-range offsets", () => {
    expect(makeAnchor("党建引领发展", 4, 2)).toEqual({ quote: "引领", prefix: "党建", suffix: "发展" });
    expect(makeAnchor("党建", -5, 99)).toEqual({ quote: "党建", prefix: "", suffix: "" });
  });

  it("does not cut a surrogate pair in half at the edge of the context", () => {
    const text = "𠀀" + "字".repeat(31) + "引用" + "字".repeat(31) + "𠀀";
    const start = text.indexOf("引用");
    const anchor = makeAnchor(text, start, start + 2);
    expect(anchor.prefix).toBe("字".repeat(31));
    expect(anchor.suffix).toBe("字".repeat(31));
  });
});

describe("findAnchor", () => {
  it("finds a quote that occurs once", () => {
    const text = "市直机关工委召开党建工作推进会，部署下半年重点任务。";
    const { start, anchor } = anchorOn(text, "党建工作推进会");
    expect(findAnchor(text, anchor)).toEqual({ start, end: start + 7 });
  });

  it("tells a repeated quote apart by its context", () => {
    const text = "一要抓好党建工作，二要抓好业务工作，三要把党建工作和业务工作深度融合。";
    const second = anchorOn(text, "党建工作", 1);
    expect(findAnchor(text, second.anchor)).toEqual({ start: second.start, end: second.start + 4 });
    const first = anchorOn(text, "党建工作", 0);
    expect(findAnchor(text, first.anchor)).toEqual({ start: first.start, end: first.start + 4 });
  });

  it("follows the quote when text before and after it is edited", () => {
    const original = "第一段：加强理论学习。\n第二段：推进模范机关创建，打造过硬队伍。\n第三段：推进模范机关创建的经验。";
    const { anchor } = anchorOn(original, "推进模范机关创建", 0);
    const edited =
      "新增导语：本年度工作回顾。\n第一段：加强理论学习，深化主题教育。\n第二段：扎实推进模范机关创建，全面打造过硬队伍。\n第三段：推进模范机关创建的经验。";
    const expected = edited.indexOf("推进模范机关创建");
    expect(findAnchor(edited, anchor)).toEqual({ start: expected, end: expected + 8 });
  });

  it("keeps the right occurrence when the characters right next to it changed", () => {
    const original = "会议指出，要持续深化作风建设，巩固主题教育成果。会议强调，要持续深化作风建设年活动。";
    const { anchor } = anchorOn(original, "深化作风建设", 0);
    // Both neighbours of the first occurrence are replaced, while the second occurrence is still
    // preceded by 「，要持续」 like the original: adjacency alone would pick the second.
    const edited = "会议指出，要不断深化作风建设工作，巩固主题教育成果。会议强调，要持续深化作风建设年活动。";
    const expected = edited.indexOf("深化作风建设");
    expect(findAnchor(edited, anchor)).toEqual({ start: expected, end: expected + 6 });
  });

  it("returns null when the quote itself was edited or deleted", () => {
    const text = "坚持以高质量党建引领机关高质量发展。";
    const { anchor } = anchorOn(text, "高质量党建");
    expect(findAnchor("坚持以高标准党建引领机关高质量发展。", anchor)).toBeNull();
    expect(findAnchor("坚持引领机关高质量发展。", anchor)).toBeNull();
  });

  it("handles Chinese text with full-width punctuation in the quote and its context", () => {
    const text = "“两个确立”的决定性意义；“两个维护”的政治自觉。（完）“两个维护”";
    const { start, anchor } = anchorOn(text, "“两个维护”", 0);
    expect(anchor.prefix).toBe("“两个确立”的决定性意义；");
    expect(anchor.suffix).toBe("的政治自觉。（完）“两个维护”");
    expect(findAnchor(text, anchor)).toEqual({ start, end: start + 6 });
  });

  it("returns null for an empty quote", () => {
    expect(findAnchor("任何文字", { quote: "", prefix: "任何", suffix: "文字" })).toBeNull();
    expect(findAnchor("任何文字", makeAnchor("任何文字", 2, 2))).toBeNull();
  });
});
