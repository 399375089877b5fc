import { describe, expect, it } from "vitest";
import { AhoCorasick } from "./aho-corasick";

describe("AhoCorasick", () => {
  it("finds every match, overlapping and nested, with offsets", () => {
    const ac = new AhoCorasick();
    const patterns = ["两个维护", "维护", "个维", "党中央", "中央"];
    patterns.forEach((p) => ac.add(p));
    const text = "做到两个维护，拥护党中央";
    const found = ac.search(text).map((m) => `${patterns[m.pattern]}@${m.start}`);
    expect(found.sort()).toEqual(["两个维护@2", "个维@3", "中央@10", "党中央@9", "维护@4"].sort());
    for (const m of ac.search(text)) expect(text.slice(m.start, m.end)).toBe(patterns[m.pattern]);
  });

  it("agrees with indexOf on a longer text", () => {
    const ac = new AhoCorasick();
    const patterns = ["学习", "习近平", "近平新时代", "的", "党的二十大", "二十"];
    patterns.forEach((p) => ac.add(p));
    const text = "学习习近平新时代中国特色社会主义思想，学习宣传贯彻党的二十大精神和党的二十届三中全会精神。";
    const expected: string[] = [];
    patterns.forEach((p) => {
      for (let i = text.indexOf(p); i !== -1; i = text.indexOf(p, i + 1)) expected.push(`${p}@${i}`);
    });
    expect(ac.search(text).map((m) => `${patterns[m.pattern]}@${m.start}`).sort()).toEqual(expected.sort());
  });
});
