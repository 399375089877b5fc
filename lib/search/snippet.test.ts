import { describe, expect, it } from "vitest";
import { findMatches, highlightAll, makeSnippet } from "./snippet";

const join = (parts: { text: string; hit: boolean }[]) => parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join("");

describe("snippets", () => {
  it("marks every match, case- and width-insensitively for Latin", () => {
    expect(join(highlightAll("GDP增长，ｇｄｐ与gdp", ["gdp"]))).toBe("[GDP]增长，[ｇｄｐ]与[gdp]");
  });
  it("merges overlapping matches", () => {
    expect(findMatches("二十大精神", ["二十大", "大精神"])).toEqual([[0, 5]]);
  });
  it("cuts a window around the first match with ellipses", () => {
    const text = "开头。" + "甲".repeat(200) + "。党建引领发展。" + "乙".repeat(200);
    const parts = makeSnippet(text, ["党建"], 60);
    const s = join(parts);
    expect(s.startsWith("…[党建]引领发展。")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
  });
  it("starts at the beginning when nothing matches, and keeps markup as text", () => {
    expect(join(makeSnippet("<b>机关</b>党建", ["无"]))).toBe("<b>机关</b>党建");
    expect(join(makeSnippet("", ["党建"]))).toBe("");
  });
  it("does not split an emoji", () => {
    const parts = makeSnippet("😀".repeat(100) + "党建", ["党建"], 40);
    expect(join(parts)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
