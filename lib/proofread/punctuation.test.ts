import { describe, expect, it } from "vitest";
import { found } from "./test-helpers";

const rules = (text: string) => found(text, "punctuation").map(([rule, text, suggestion]) => `${rule} ${text}→${suggestion ?? ""}`);

describe("punctuation (GB/T 15834-2011)", () => {
  it("doubled marks", () => {
    expect(rules("市直机关工委多措并举，，在市直机关掀起学习热潮。")).toEqual(["punctuation.doubled ，，→，"]);
    expect(rules("提供了根本遵循，注入了强大动力。。")).toEqual(["punctuation.doubled 。。→。"]);
    expect(rules("印发工作方案和任务清单，。召开主题活动动员会")).toEqual(["punctuation.doubled ，。→。"]);
    expect(rules("他问：“你们学了吗？！”")).toEqual([]);
  });

  it("half-width marks inside Chinese text", () => {
    expect(rules("2021年,漳州市上下同频共振")).toEqual(["punctuation.halfwidth ,→，"]);
    expect(rules("来源:闽南日报")).toEqual(["punctuation.halfwidth :→："]);
    expect(rules("推动党的二十大精神落地生根;结出硕果")).toEqual(["punctuation.halfwidth ;→；"]);
    expect(rules("全面完成年度各项工作任务.")).toEqual(["punctuation.halfwidth .→。"]);
  });

  it("does not flag numbers, times, English or URLs", () => {
    expect(rules("全市共有党员1,234名，增长1.5个百分点，会议于9:30开始。")).toEqual([]);
    expect(rules("会议使用 Zoom, Teams 等平台，详见 https://www.gov.cn/a,b;c?d=1 。")).toEqual([]);
    expect(rules("e.g. 参见附件。")).toEqual([]);
  });

  it("unmatched quotes, brackets and 书名号", () => {
    expect(rules("举行“党建红”护航、“碳汇绿”兴村”挂钩帮扶项目发布会。").map((r) => r.split(" ")[0])).toEqual(["punctuation.unmatched"]);
    expect(rules("集中学习研讨实录《习近平在福建等。")).toEqual(["punctuation.unmatched 《→"]);
    expect(rules("各级党委（党组迅速跟进。")).toEqual(["punctuation.unmatched （→"]);
    expect(rules("开展“我为群众办实事“实践活动。")).toEqual(["punctuation.unmatched “→”"]);
    expect(rules("紧紧围绕“学史明理、学史增信、学史崇德、学史力行”的总要求。")).toEqual([]);
  });

  it("accepts list markers and apostrophes", () => {
    expect(rules("重点抓好三项工作：1）加强理论学习；2）夯实基层基础；二）强化作风建设。")).toEqual([]);
    expect(rules("赴Xi’an参加China’s党建论坛。")).toEqual([]);
  });

  it("accepts a quotation that runs over paragraphs", () => {
    expect(rules("他说：“第一段话。\n“第二段话。”")).toEqual([]);
  });

  it("顿号 between titles in 书名号 or quoted items", () => {
    expect(rules("学习《党章》、《准则》、《条例》。")).toEqual([
      "punctuation.dunhao-between-titles 、→",
      "punctuation.dunhao-between-titles 、→",
    ]);
    expect(rules("深入开展“两学一做”、“三严三实”教育。")).toHaveLength(1);
    expect(rules("学习《党章》《准则》《条例》。")).toEqual([]);
  });

  it("ellipsis and dash forms", () => {
    expect(rules("培训、集中研讨、座谈会...")).toEqual(["punctuation.ellipsis ...→……"]);
    expect(rules("12月,市管干部专题研讨班举行…")).toContain("punctuation.ellipsis …→……");
    expect(rules("召开专题研讨班举行……")).toEqual([]);
    expect(rules("一系列部署渐次展开、层层推进--")).toEqual([]);
    expect(rules("一系列部署渐次展开--层层推进")).toEqual(["punctuation.dash --→——"]);
    expect(rules("吹响了奋发前行的号角——闻令而动")).toEqual([]);
    expect(rules("开展学习、宣讲、走访……等活动")).toEqual(["punctuation.ellipsis-with-deng ……等→……"]);
  });

  it("full-width digits and Latin letters", () => {
    expect(rules("全市共建成党群服务中心１２３个")).toEqual(["punctuation.fullwidth-alnum １２３→123"]);
    expect(rules("开通ＡＰＰ学习平台")).toEqual(["punctuation.fullwidth-alnum ＡＰＰ→APP"]);
  });

  it("half-width brackets around Chinese are hints", () => {
    expect(rules("各级党委(党组)迅速跟进")).toEqual(["punctuation.halfwidth-bracket (党组)→（党组）"]);
    expect(rules("参见条款(a)和(b)")).toEqual([]);
  });
});
