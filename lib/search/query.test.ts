import { describe, expect, it } from "vitest";
import { MAX_LEXEMES, MAX_QUERY_LENGTH, MAX_TERMS, normalizeQuery, parseQuery } from "./query";
import { searchRow } from "./document";

describe("parseQuery", () => {
  it.each([
    ["党", ["党"], "'党'"],
    ["党建", ["党建"], "'党建'"],
    ["二十大", ["二十大"], "'二十' & '十大'"],
    ["党建引领", ["党建引领"], "'党建' & '建引' & '引领'"],
    ["GDP", ["gdp"], "'gd' & 'dp'"],
    ["ＧＤＰ", ["gdp"], "'gd' & 'dp'"],
    ["GDP 2022", ["gdp", "2022"], "'gd' & '20' & 'dp' & '02' & '22'"],
    ["5G网络", ["5g网络"], "'5g' & 'g网' & '网络'"],
    ["厦门  机关", ["厦门", "机关"], "'厦门' & '机关'"],
    ["厦门，机关", ["厦门", "机关"], "'厦门' & '机关'"],
    ['"6.5%"', ["6.5%"], "'6.' & '.5' & '5%'"],
    ["“党建+”", ["党建+"], "'党建' & '建+'"],
    ['"o\'brien"', ["o'brien"], "'o''' & '''b' & 'br' & 'ri' & 'ie' & 'en'"],
  ])("%s → terms %j, %s", (input, terms, tsquery) => {
    const parsed = parseQuery(input);
    expect(parsed.terms).toEqual(terms);
    expect(parsed.tsquery).toBe(tsquery);
    expect(parsed.recheck).toEqual(terms.filter((t) => [...t].length > 2));
  });

  it("cuts long unquoted runs into words with jieba, all required", () => {
    const parsed = parseQuery("学习贯彻党的二十大精神");
    expect(parsed.terms).toEqual(["学习", "贯彻", "二十大", "精神"]);
    expect(parsed.highlights).toEqual(parsed.terms);
    expect(parseQuery('"学习贯彻党的二十大精神"').terms).toEqual(["学习贯彻党的二十大精神"]);
  });

  const nasty: unknown[] = [
    "", "   ", "& | ! ( ) : * ' \"", "'", "\\", "a & b | !c", "党建 & | ! ( ) : * ' \" 厦门", "😀🎉👍", "党建😀",
    "\u0000\u0007\u200b\ufeff", "<script>alert(1)</script>", "' OR 1=1 --", "党".repeat(1000), "党建 ".repeat(300),
    "a".repeat(1000), '"""', '"unterminated 党建', "\ud800", ["党建", "厦门"], undefined, null, 42, { q: "x" },
  ];
  it.each(nasty.map((n) => [n]))("never throws and stays bounded for %j", (input) => {
    const parsed = parseQuery(input);
    expect([...parsed.text].length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(parsed.terms.length).toBeLessThanOrEqual(MAX_TERMS);
    if (parsed.tsquery !== null) expect(parsed.tsquery.split(" & ").length).toBeLessThanOrEqual(MAX_LEXEMES);
    for (const term of parsed.terms) expect(term).not.toMatch(/\s/u);
  });

  it("gives no query for input with nothing searchable", () => {
    for (const input of ["", "& | ! ( ) : * ' \"", "😀🎉", "。，、！"]) expect(parseQuery(input).tsquery).toBeNull();
  });

  it("keeps the first of several values and bounds the length", () => {
    expect(normalizeQuery(["党建", "x"])).toBe("党建");
    expect([...normalizeQuery("党".repeat(1000))].length).toBe(MAX_QUERY_LENGTH);
  });
});

describe("every lexeme of a query is in the vector of a text that contains it", () => {
  const body = "厦门市直机关持续兴起学习宣传贯彻党的二十大精神热潮，GDP50强，2022年“党建+”模式，增长6.5%。";
  const row = searchRow({ title: "", kicker: "", subtitle: "", summary: "", originalTitle: "", plainText: body });
  const lexemes = new Set([...row.grams.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")));
  it.each(["厦", "厦门", "二十大", "党建", "学习宣传贯彻", "党的二十大精神", "GDP", "50", "2022", "gdp50", '"6.5%"', "“党建+”"])("%s", (q) => {
    const parsed = parseQuery(q);
    for (const term of parsed.tsquery!.split(" & ")) expect(lexemes.has(term.slice(1, -1).replace(/''/g, "'"))).toBe(true);
    for (const term of parsed.terms) expect(row.text.includes(term)).toBe(true);
  });
});
