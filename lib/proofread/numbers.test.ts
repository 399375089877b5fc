import { describe, expect, it } from "vitest";
import { found } from "./test-helpers";

const rules = (text: string) => found(text, "number").map(([rule, text, suggestion]) => `${rule} ${text}→${suggestion ?? ""}`);

describe("numbers (GB/T 15835-2011)", () => {
  it("abbreviated years", () => {
    expect(rules("22年3月，全市党史学习教育动员会召开。")).toEqual(["number.short-year 22年→2022年"]);
    expect(rules("23年度机关党建工作考核结果已经公布。")).toEqual(["number.short-year 23年→2023年"]);
    expect(rules("该制度于19年正式施行。")).toEqual(["number.short-year 19年→2019年"]);
  });

  it("leaves durations and full years alone", () => {
    expect(rules("他在基层连续工作22年，扎根一线。")).toEqual([]);
    expect(rules("建党100年来，党团结带领人民创造了伟大成就；近10年来成效显著。")).toEqual([]);
    expect(rules("2022年3月，全市党史学习教育动员会召开。")).toEqual([]);
  });

  it("fixed terms keep Chinese numerals", () => {
    expect(rules("谋划好14五规划重点任务")).toEqual(["number.fixed-term 14五→十四五"]);
    expect(rules("深入学习贯彻党的20大精神")).toEqual(["number.fixed-term 20大→二十大"]);
    expect(rules("认真学习贯彻党的19届6中全会精神")).toEqual(["number.fixed-term 19届6中全会→十九届六中全会"]);
    expect(rules("增强4个意识、坚定4个自信、做到2个维护")).toEqual([
      "number.fixed-term 4个意识→四个意识",
      "number.fixed-term 4个自信→四个自信",
      "number.fixed-term 2个维护→两个维护",
    ]);
    expect(rules("严格落实3会1课制度")).toEqual(["number.fixed-term 3会1课→三会一课"]);
    expect(rules("认真学习贯彻党的二十大和二十届三中全会精神，谋划“十五五”规划。")).toEqual([]);
    expect(rules("共有4个单位获评先进，明确3个必须完成的任务、5个坚持开展志愿服务的支部和3个明确的目标。")).toEqual([]);
    expect(rules("深刻领悟“2个确立”，坚持14个坚持")).toEqual(["number.fixed-term 2个确立→两个确立", "number.fixed-term 14个坚持→十四个坚持"]);
  });

  it("one number in mixed forms", () => {
    expect(rules("培训党员3千余人次")).toEqual(["number.mixed 3千→3000"]);
    expect(rules("购买学习用书5百套")).toEqual(["number.mixed 5百→500"]);
    expect(rules("完成投资百分之15")).toEqual(["number.mixed 百分之15→15%"]);
    expect(rules("二〇22年是党的二十大召开之年")).toEqual(["number.mixed 二〇22→"]);
    expect(rules("共建成党群服务站345个、投资1.5亿元、覆盖3千米长的红色廊道，增长3个百分点。")).toEqual([]);
  });

  it("〇 rather than ○ in Chinese-numeral years (hint)", () => {
    expect(found("二○二二年一月", "number")).toEqual([["number.ling-circle", "二○二二", "二〇二二"]]);
    expect(rules("二〇二二年一月")).toEqual([]);
  });
});

describe("abbreviated years do not swallow words", () => {
  it("30年初心不改 is a duration followed by 初心", () => {
    expect(found("坚守岗位30年初心不改", "number")).toEqual([]);
  });
});
