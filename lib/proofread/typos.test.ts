import { describe, expect, it } from "vitest";
import { createChecker, checkText } from "./index";

const rules = (text: string) =>
  checkText(text)
    .filter((f) => f.kind === "typo" || f.kind === "style")
    .map((f) => `${f.rule}/${f.severity} ${f.text}→${f.suggestion ?? ""}`);

describe("curated typos", () => {
  it("listed typos", () => {
    expect(rules("同志们要再接再励，奋力谱写新篇章")).toEqual(["typo.listed/warning 再接再励→再接再厉"]);
    expect(rules("认真贯彻落实市委决策布署")).toEqual(["typo.listed/warning 布署→部署"]);
    expect(rules("以踔励奋发、勇毅前行的姿态")).toEqual(["typo.listed/warning 踔励奋发→踔厉奋发"]);
  });

  it("截止 and 截至 by context", () => {
    expect(rules("截止2023年底，全市共有基层党组织1200个")).toEqual(["typo.context/warning 截止→截至"]);
    expect(rules("截止目前，已完成全部任务")).toEqual(["typo.listed/warning 截止目前→截至目前"]);
    expect(rules("征文活动报名截至。")).toEqual(["typo.context/warning 截至→截止"]);
    expect(rules("截至2023年底，全市共有基层党组织1200个；报名将于5月10日截止。")).toEqual([]);
  });

  it("反应 and 反映 by context", () => {
    expect(rules("及时反应群众诉求")).toEqual(["typo.context/warning 反应→反映"]);
    expect(rules("党员干部如实反应情况")).toHaveLength(1);
    expect(rules("群众反映的问题得到解决，应急反应能力持续提升。")).toEqual([]);
  });

  it("必需/必须 and 既要/即要 by context", () => {
    expect(rules("必需坚持党的全面领导")).toEqual(["typo.context/warning 必需→必须"]);
    expect(rules("即要抓好学习，又要推动落实")).toEqual(["typo.context/warning 即要→既要"]);
    expect(rules("购置办公必需品，立即要求整改")).toEqual([]);
  });

  it("discouraged forms: hint, or warning for how leaders are named", () => {
    expect(rules("认真学习习总书记重要讲话精神")).toEqual(["style.discouraged-strong/warning 习总书记→习近平总书记"]);
    expect(rules("建国以来，党领导人民取得伟大成就")).toEqual(["style.discouraged/hint 建国以来→新中国成立以来"]);
    expect(rules("十八大以来，市直机关党建工作取得新成效")).toEqual(["style.discouraged/hint 十八大→党的十八大"]);
    expect(rules("认真学习习近平总书记重要讲话精神，党的十八大以来成效显著，建国路社区、北京大学。")).toEqual([]);
  });

  it("takes typos added by the site admin", () => {
    const checker = createChecker({ extraTypos: [{ wrong: "党建引频", right: "党建引领", source: "市直机关工委" }] });
    expect(checker.checkText("坚持党建引频").map((f) => f.suggestion)).toEqual(["党建引领"]);
  });
});

describe("curated typos stay quiet on look-alike legitimate text", () => {
  it.each([
    "把为群众办实事当做为民造福的重要抓手。",
    "既使党员受教育，又使群众得实惠。",
    "关爱带动党员群众。",
    "接种后无不良反应情况，应急反应问题得到解决。",
    "立即要求整改，同时又要举一反三。",
    "全市共梳理出二十大类问题清单。",
    "深入学习贯彻党的十八大、十九大和二十大精神。",
  ])("%s", (text) => {
    expect(rules(text)).toEqual([]);
  });

  it("still reports 做为 used for 作为", () => {
    expect(rules("做为全市机关党建的排头兵，要走在前列。")).toEqual(["typo.context/warning 做为→作为"]);
  });
});

describe("typos inside longer legitimate words", () => {
  it.each(["按排名先后顺序公布", "毕竟争取到了支持", "究竟赛程如何安排", "攻克苦难"])("%s", (text) => {
    expect(rules(text)).toEqual([]);
  });

  it("still reports them on their own", () => {
    expect(rules("按排专人负责，开展知识竟赛，克苦钻研业务。")).toEqual([
      "typo.context/warning 按排→安排",
      "typo.context/warning 竟赛→竞赛",
      "typo.context/warning 克苦→刻苦",
    ]);
  });
});
