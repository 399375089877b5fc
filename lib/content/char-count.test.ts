import { describe, expect, it } from "vitest";
import { countChineseCharacters } from "./char-count";

describe("countChineseCharacters", () => {
  it.each([
    ["党的二十大", 5],
    // 2022(1) 年(1) GDP(1) 增(1) 长(1) 3.5(1) %(1)
    ["2022年GDP增长3.5%", 7],
    // 2021 年 8 月 16 日
    ["2021年8月16日", 6],
    // “ 两 个 维 护 ”
    ["“两个维护”", 6],
    // 各 位 领 导 ， 同 志 们 ：
    ["各位领导，同志们：", 9],
    // COVID-19 疫 情
    ["COVID-19疫情", 3],
    // 2,000 余 支
    ["2,000余支", 3],
    // 达 2.54 万 人 次
    ["达2.54万人次", 5],
    // Hello , world .
    ["Hello, world.", 4],
    ["don't stop", 2],
    // —— and …… are two characters each
    ["——", 2],
    ["……", 2],
    // 《 领 航 》 · 「 福 州 答 卷 」
    ["《领航》·「福州答卷」", 11],
    // half-width punctuation in Chinese text counts like full-width
    ["2021年,漳州", 5],
    // （ 本 报 记 者 黄 晓 珍 摄 ）
    ["（本报记者 黄晓珍 摄）", 10],
    ["(本报记者 黄晓珍 摄)", 10],
    // full-width letters and digits count one each
    ["ＧＤＰ２０２２", 7],
    // symbols and emoji one each; composed emoji and flags are one
    ["①②③", 3],
    ["点赞👍🏽", 3],
    ["👨‍👩‍👧", 1],
    ["🇨🇳", 1],
    // a trailing connector is not part of the word
    ["A-", 2],
    ["e-mail地址", 3],
    // decomposed accent stays in its word
    ["cafe\u0301", 1],
    // whitespace never counts, including the ideographic space and zero-width characters
    ["", 0],
    [" \t\n\u3000\u00a0", 0],
    ["党\u3000建", 2],
    ["x\u200by", 2],
    ["\ufeff党", 1],
  ])("%j counts %i", (text, expected) => {
    expect(countChineseCharacters(text)).toBe(expected);
  });

  it("counts a mixed sentence from a sample report", () => {
    // 市(1)直(1)机(1)关(1)先(1)进(1)党(1)支(1)部(1)占(1)比(1)达(1)40.97(1)%(1)，(1)
    // 星(1)级(1)党(1)支(1)部(1)达(1)77.69(1)%(1)。(1)
    expect(countChineseCharacters("市直机关先进党支部占比达40.97%，星级党支部达77.69%。")).toBe(24);
  });

  it("counts long text", () => {
    const text = "党的二十大举旗定向、继往开来，GDP增长3.5%。".repeat(10_000); // 250,000 characters
    expect(countChineseCharacters(text)).toBe(21 * 10_000);
  });
});
