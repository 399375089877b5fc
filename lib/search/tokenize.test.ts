import { describe, expect, it } from "vitest";
import { hanLexemes, hanQueryLexemes, segments, tsvectorLiteral, wordLexemes } from "./tokenize";

describe("segments", () => {
  it("splits Han runs from letter/digit runs and drops the rest", () => {
    expect(segments("2022年，GDP增长！😀 Ｈ５页面")).toEqual([
      { kind: "word", text: "2022" },
      { kind: "han", text: "年" },
      { kind: "word", text: "gdp" },
      { kind: "han", text: "增长" },
      { kind: "word", text: "h5" },
      { kind: "han", text: "页面" },
    ]);
  });
});

describe("lexemes", () => {
  it("gives character, bigram and trigram at each position of a Han run", () => {
    expect(hanLexemes("二十大")).toEqual([["二", "二十", "二十大"], ["十", "十大"], ["大"]]);
  });
  it("asks for overlapping trigrams of longer strings", () => {
    expect(hanQueryLexemes("党建引领发展")).toEqual(["党建引", "建引领", "引领发", "领发展"]);
    expect(hanQueryLexemes("党".repeat(50), 12)).toEqual(["党党党"]);
    expect(hanQueryLexemes("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸", 5)).toHaveLength(5);
  });
  it("indexes letter/digit mixes whole and in parts", () => {
    expect(wordLexemes("gdp50")).toEqual(["gdp50", "gdp", "50"]);
    expect(wordLexemes("2022")).toEqual(["2022"]);
  });
});

describe("tsvectorLiteral", () => {
  it("writes weighted positions and keeps runs apart", () => {
    expect(tsvectorLiteral([{ text: "党建", weight: "A" }, { text: "厦门", weight: "C" }])).toBe(
      "'党':1A '党建':1A '建':2A '厦':5C '厦门':5C '门':6C",
    );
  });
  it("caps positions per lexeme and the position number", () => {
    const literal = tsvectorLiteral([{ text: "党，".repeat(20000), weight: "C" }]);
    const positions = literal.split(":")[1]!.split(",");
    expect(positions).toHaveLength(256);
    expect(tsvectorLiteral([{ text: "党".repeat(20000) + "建", weight: "C" }])).toContain("'建':16383C");
  });
  it("holds only quotable lexemes whatever the text", () => {
    const literal = tsvectorLiteral([{ text: "a'b\\c \"d\" <x> & | ! 😀 ' OR 1=1", weight: "B" }]);
    for (const m of literal.matchAll(/'([^']*)'/g)) expect(m[1]).toMatch(/^[\p{L}\p{N}]+$/u);
  });
});
