import { describe, expect, it } from "vitest";
import { MAX_LEXEMES, MAX_QUERY_LENGTH, normalizeQuery, parseQuery } from "./query";
import { documentVectors } from "./document";

/** A tsquery literal we built: quoted lexemes of Han/letters/digits, :*, &, spaces only. */
const SAFE_TSQUERY = /^'[\p{L}\p{N}]+'(:\*)?( & '[\p{L}\p{N}]+'(:\*)?)*$/u;

describe("parseQuery", () => {
  it.each([
    ["党建", "'党建'"],
    ["厦门", "'厦门'"],
    ["二十大", "'二十大'"],
    ["党", "'党'"],
    ["党建引领", "'党建引' & '建引领'"],
    ["GDP", "'gdp':*"],
    ["2022", "'2022':*"],
    ["GDP 2022", "'gdp':* & '2022':*"],
    ["ＧＤＰ", "'gdp':*"],
    ["厦门  机关", "'厦门' & '机关'"],
    ['"党的二十大精神"', "'党的二' & '的二十' & '二十大' & '十大精' & '大精神'"],
    ["“模范机关”", "'模范机' & '范机关'"],
  ])("%s → %s", (input, expected) => {
    expect(parseQuery(input).tsquery).toBe(expected);
  });

  it("cuts long unquoted runs into words with jieba, all required", () => {
    const parsed = parseQuery("学习贯彻党的二十大精神");
    expect(parsed.tsquery).toBe("'学习' & '贯彻' & '二十大' & '精神'");
    expect(parsed.highlights).toEqual(["学习", "贯彻", "二十大", "精神"]);
  });

  const nasty: unknown[] = [
    "",
    "   ",
    "& | ! ( ) : * ' \"",
    "'",
    "\\",
    "a & b | !c",
    "党建 & | ! ( ) : * ' \" 厦门",
    "😀🎉👍",
    "党建😀",
    "\u0000\u0007\u200b\ufeff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "党".repeat(1000),
    "党建 ".repeat(300),
    "a".repeat(1000),
    '"""',
    '"unterminated 党建',
    "\ud800",
    ["党建", "厦门"],
    undefined,
    null,
    42,
    { q: "x" },
  ];
  it.each(nasty.map((n) => [n]))("never throws and builds a safe query for %j", (input) => {
    const parsed = parseQuery(input);
    expect([...parsed.text].length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    if (parsed.tsquery !== null) {
      expect(parsed.tsquery).toMatch(SAFE_TSQUERY);
      expect(parsed.tsquery.split(" & ").length).toBeLessThanOrEqual(MAX_LEXEMES);
    }
  });

  it("gives no query for input with nothing searchable", () => {
    for (const input of ["", "& | ! ( ) : * ' \"", "😀🎉", "。，、！"]) expect(parseQuery(input).tsquery).toBeNull();
  });

  it("keeps the first of several values and bounds the length", () => {
    expect(normalizeQuery(["党建", "x"])).toBe("党建");
    expect([...normalizeQuery("党".repeat(1000))].length).toBe(MAX_QUERY_LENGTH);
  });
});

describe("query lexemes are in the document vector of a text that contains the query", () => {
  const body = "厦门市直机关持续兴起学习宣传贯彻党的二十大精神热潮，GDP50强，2022年“党建+”模式。";
  const vector = documentVectors({ title: "", kicker: "", subtitle: "", summary: "", originalTitle: "", plainText: body }).full;
  const lexemes = new Set([...vector.matchAll(/'([^']+)'/g)].map((m) => m[1]));
  it.each(["厦", "厦门", "二十大", "党建", "学习宣传贯彻", "党的二十大精神", "GDP", "50", "2022", "gdp50"])("%s", (q) => {
    const parsed = parseQuery(q);
    for (const term of parsed.tsquery!.split(" & ")) {
      const lexeme = term.replace(/^'|'(:\*)?$/g, "");
      const prefix = term.endsWith(":*");
      expect(prefix ? [...lexemes].some((l) => l!.startsWith(lexeme)) : lexemes.has(lexeme)).toBe(true);
    }
  });
});
