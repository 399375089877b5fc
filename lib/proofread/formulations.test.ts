import { describe, expect, it } from "vitest";
import { createChecker } from "./index";
import { found } from "./test-helpers";

const rules = (text: string) => found(text, "formulation").map(([rule, text, suggestion]) => `${rule} ${text}→${suggestion ?? ""}`);

describe("standard formulations", () => {
  it("similar-shape character (a real slip from a published speech)", () => {
    expect(rules("按照习近平总书记关于“全党要在全面学习、全面把挥、全面落实上下功夫”的重要要求")).toEqual([
      "formulation.shape 全面学习、全面把挥、全面落实→全面学习、全面把握、全面落实",
    ]);
  });

  it("same-pinyin characters, however many", () => {
    expect(rules("深入学习贯彻习近平新时代中国特色社会主意思想")).toEqual([
      "formulation.homophone 习近平新时代中国特色社会主意思想→习近平新时代中国特色社会主义思想",
    ]);
    expect(rules("牢固树立四个意识，做到两个唯护")).toEqual(["formulation.homophone 两个唯护→两个维护"]);
    expect(rules("严格落实三会一棵制度")).toEqual(["formulation.homophone 三会一棵→三会一课"]);
    expect(rules("同志们要再接再励，奋力谱写新篇章")).toHaveLength(0); // a listed typo, reported once as typo
  });

  it("fuzzy syllables a pinyin IME confuses (-ng/-n, zh/z)", () => {
    expect(rules("努力实现中华民族伟大复心")).toEqual(["formulation.homophone 中华民族伟大复心→中华民族伟大复兴"]);
    expect(rules("推进全面从严紫党")).toEqual(["formulation.homophone 全面从严紫党→全面从严治党"]);
  });

  it("a missing or a doubled character", () => {
    expect(rules("以习近平时代中国特色社会主义思想为指导")).toEqual([
      "formulation.missing 习近平时代中国特色社会主义思想→习近平新时代中国特色社会主义思想",
    ]);
    expect(rules("坚持以习近平同志为核心的党党中央")).toEqual(["formulation.extra 以习近平同志为核心的党党中央→以习近平同志为核心的党中央"]);
    expect(rules("推进全面从从严治党向纵深发展")).toEqual(["formulation.extra 全面从从严治党→全面从严治党"]);
    // A long form cut short at its end; the full form around it is not reported.
    expect(rules("用习近平新时代中国特色社会主义思凝心铸魂")).toEqual([
      "formulation.missing 习近平新时代中国特色社会主义思→习近平新时代中国特色社会主义思想",
    ]);
  });

  it("a fixed enumeration out of order", () => {
    expect(rules("增强政治意识、核心意识、大局意识、看齐意识")).toEqual([
      "formulation.order 政治意识、核心意识、大局意识、看齐意识→政治意识、大局意识、核心意识、看齐意识",
    ]);
    expect(rules("坚定道路自信、理论自信、文化自信、制度自信")).toHaveLength(1);
    expect(rules("牢记使命、不忘初心")).toEqual(["formulation.order 牢记使命、不忘初心→不忘初心、牢记使命"]);
    expect(rules("牢记使命，不忘初心，砥砺前行")).toEqual(["formulation.order 牢记使命，不忘初心→不忘初心、牢记使命"]);
  });

  it("listed wrong forms", () => {
    expect(rules("深入学习贯彻党的二十大和二十大三中全会精神")).toEqual(["formulation.wrong 二十大三中全会→党的二十届三中全会"]);
    expect(rules("在以习近平总书记为核心的党中央坚强领导下")).toEqual([
      "formulation.wrong 以习近平总书记为核心的党中央→以习近平同志为核心的党中央",
    ]);
  });

  it("accepts the correct forms and their accepted spellings", () => {
    const clean = [
      "深入学习贯彻习近平新时代中国特色社会主义思想，深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
      "全面学习、全面把握、全面落实党的二十大精神，认真学习贯彻党的二十届三中全会精神。",
      "增强政治意识、大局意识、核心意识、看齐意识，不忘初心，牢记使命。",
      "实施新一轮加强党的基层组织建设三年行动计划，以中国式现代化全面推进中华民族伟大复兴，推动高质量发展。",
      "提高高质量发展水平，以习近平同志为核心的党中央。",
    ];
    for (const text of clean) expect(rules(text)).toEqual([]);
  });

  it("takes formulations added by the site admin", () => {
    const checker = createChecker({ extraFormulations: [{ text: "机关党建品牌", source: "市直机关工委" }] });
    const hits = checker.checkText("打造特色鲜明的机关党建频牌").filter((f) => f.kind === "formulation");
    expect(hits.map((f) => [f.rule, f.suggestion, f.source])).toEqual([["formulation.homophone", "机关党建品牌", "市直机关工委"]]);
    expect(found("打造特色鲜明的机关党建频牌", "formulation")).toEqual([]);
  });
});
