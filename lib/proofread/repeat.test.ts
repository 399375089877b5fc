import { describe, expect, it } from "vitest";
import { found } from "./test-helpers";

const rules = (text: string) => found(text, "repeat").map(([rule, text, suggestion]) => `${rule} ${text}→${suggestion ?? ""}`);

describe("repeated characters and words", () => {
  it("flags doubled function words", () => {
    expect(rules("为我们抓好新时代党的的建设各项工作指明了前进方向")).toEqual(["repeat.char 的的→的"]);
    expect(rules("提供了了根本遵循")).toEqual(["repeat.char 了了→了"]);
    expect(rules("这是是一次具有开创性意义的大会")).toEqual(["repeat.char 是是→是"]);
    expect(rules("市直机关工委将进一步对照党的二十大提出的要求，在在市直机关掀起热潮")).toEqual(["repeat.char 在在→在"]);
  });

  it("flags a two-character word written twice", () => {
    expect(rules("我们我们要把学习宣传贯彻党的二十大精神作为首要政治任务")).toEqual(["repeat.word 我们我们→我们"]);
    expect(rules("对主题教育进行进行再部署")).toEqual(["repeat.word 进行进行→进行"]);
  });

  it("leaves legitimate reduplication alone", () => {
    const clean = [
      "党员干部常常深入基层，人人争当先锋，天天学习，层层压实责任，家家户户挂上了国旗。",
      "这个问题要好好研究研究，大家都来看看、想想。",
      "扎扎实实推进，实实在在为群众办实事，的的确确取得了成效，决不能不了了之。",
      "一步一步往前走，一个一个抓落实，学习习近平新时代中国特色社会主义思想，改进工作作风。",
      "事事有人管、处处有党员，时时刻刻讲党性。",
    ];
    for (const text of clean) expect(rules(text)).toEqual([]);
  });
});

describe("doubled function characters at a word boundary", () => {
  it.each([
    "现在在全市范围内开展专项整治。",
    "为了了解基层党组织建设情况，工委开展专题调研。",
    "把党史学习教育作为为群众办实事的重要抓手。",
    "可以以党建品牌创建为载体。",
    "切实达到学习教育的目的的同时，推动工作落实。",
    "一所所学校、一把把钥匙。",
    "很多很多党员干部主动报名。",
  ])("%s", (text) => {
    expect(rules(text)).toEqual([]);
  });
});
