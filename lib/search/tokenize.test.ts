import { describe, expect, it } from "vitest";
import { foldAndSquash, foldText, gramsOf, quoteLexeme, termLexemes, vectorLiteral } from "./tokenize";

describe("foldText", () => {
  it("folds width and case, and turns control characters and lone surrogates harmless", () => {
    expect(foldText("ＧＤＰ２０２２年")).toBe("gdp2022年");
    expect(foldText("a\u0000b\u0007c")).toBe("a b c");
    expect(foldText("x\ud800y")).toBe("x\ufffdy");
    expect(foldAndSquash("  党建\n\n 引领  ")).toBe("党建 引领");
  });
});

describe("gramsOf", () => {
  it("gives every character and every neighbouring pair; whitespace breaks pairs", () => {
    expect(new Set(gramsOf(["党建 引领"]))).toEqual(new Set(["党", "建", "党建", "引", "领", "引领"]));
    expect(new Set(gramsOf(["5g，网"]))).toEqual(new Set(["5", "g", "，", "网", "5g", "g，", "，网"]));
  });
  it("keeps each gram once, across texts", () => {
    const grams = gramsOf(["党党党", "党建"]);
    expect(grams.length).toBe(new Set(grams).size);
    expect(new Set(grams)).toEqual(new Set(["党", "党党", "建", "党建"]));
  });
  it("handles characters outside the Basic Multilingual Plane", () => {
    expect(new Set(gramsOf(["党😀建"]))).toEqual(new Set(["党", "😀", "建", "党😀", "😀建"]));
    expect(new Set(gramsOf(["𠀀𠀁"]))).toEqual(new Set(["𠀀", "𠀁", "𠀀𠀁"]));
  });
  it("contains every gram of every substring (what makes recall 1.0)", () => {
    const text = "厦门市直机关（GDP）增长6.5%，“党建+”";
    const grams = new Set(gramsOf([foldText(text)]));
    const chars = [...foldText(text)];
    for (let i = 0; i < chars.length; i++) {
      for (let j = i + 1; j <= chars.length; j++) {
        for (const lexeme of termLexemes(chars.slice(i, j).join(""), 100)) expect(grams.has(lexeme)).toBe(true);
      }
    }
  });
});

describe("termLexemes", () => {
  it("is the term itself up to 2 characters, else its bigrams", () => {
    expect(termLexemes("党")).toEqual(["党"]);
    expect(termLexemes("党建")).toEqual(["党建"]);
    expect(termLexemes("党建引领")).toEqual(["党建", "建引", "引领"]);
    expect(termLexemes("党".repeat(50))).toEqual(["党党"]);
    expect(termLexemes("一二三四五六七八九十甲乙丙丁", 5)).toHaveLength(5);
    expect(termLexemes("一二三四五六七八九十甲乙丙丁", 5).at(-1)).toBe("丙丁");
  });

  it("keeps every bigram of a phrase of up to 13 characters: the one that joins two words is often the rarest", () => {
    // 学习贯彻党的二十大精神: every bigram but 彻党 is common in titles (49,000 candidates of
    // 1,000,000 without it, none with it).
    expect(termLexemes("学习贯彻党的二十大精神")).toEqual(["学习", "习贯", "贯彻", "彻党", "党的", "的二", "二十", "十大", "大精", "精神"]);
  });
});

describe("literals", () => {
  it("quotes any lexeme so that PostgreSQL reads it back as it stands", () => {
    expect(quoteLexeme("o'b")).toBe("'o''b'");
    expect(quoteLexeme("a\\")).toBe("'a\\\\'");
    expect(vectorLiteral(["党", "'", "\\"])).toBe("'党' '''' '\\\\'");
    expect(vectorLiteral([])).toBe("");
  });
});
