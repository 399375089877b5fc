import { describe, expect, it } from "vitest";
import { bodyLead, DESCRIPTION_LENGTH, describeReport } from "./describe";

const length = (text: string) => Array.from(text).length;

describe("describeReport", () => {
  it("uses the 摘要 when there is one, whitespace tidied", () => {
    expect(describeReport({ summary: "  厦门市直机关工委召开年度工作会议。\n总结成绩。 ", plainText: "正文第一句。" })).toBe("厦门市直机关工委召开年度工作会议。总结成绩。");
  });

  it("takes the whole plain text when it is short", () => {
    expect(describeReport({ summary: "", plainText: "全市机关党建工作稳步推进。" })).toBe("全市机关党建工作稳步推进。");
    expect(describeReport({ summary: null, plainText: null })).toBe("");
  });

  it("takes as many whole sentences as fit in about 120 characters, cut after 。！？", () => {
    const first = "2021年，漳州市上下同频共振、同心同向，党员群众在哪里，党史学习教育就跟进到哪里、覆盖到哪里。"; // 47
    const second = "学习的激情持续澎湃炽热，让龙江大地“暖意融融”！"; // 24
    const third = "全市各级党组织认真贯彻落实党中央决策部署和省委、市委工作要求，紧紧围绕总要求，将学党史、悟思想、办实事、开新局贯穿始终？"; // > 49 left
    const text = describeReport({ summary: "", plainText: `${first}\n${second}\n${third}\n后文。`.repeat(2) });
    expect(text).toBe(first + second);
    expect(length(text)).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
    expect(text).toMatch(/[。！？]$/);
  });

  it("keeps closing quotes with the sentence they end", () => {
    const sentence = "他说：“要把党史学习教育抓紧抓实。”";
    const text = describeReport({ summary: "", plainText: sentence + "后面还有很长的内容".repeat(20) + "。" });
    expect(text).toBe(sentence);
  });

  it("cuts a first sentence longer than the limit at a clause mark, with ……", () => {
    const clause = "机关党建工作坚持围绕中心、建设队伍、服务群众，";
    const text = describeReport({ summary: "", plainText: clause.repeat(10) + "取得明显成效。" });
    expect(text.endsWith("……")).toBe(true);
    expect(length(text)).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
    expect(text.slice(0, -2).endsWith("服务群众")).toBe(true);
  });

  it("never splits a character outside the Basic Multilingual Plane", () => {
    const text = describeReport({ summary: "", plainText: "𠀀".repeat(300) }, 50);
    expect(text).toBe("𠀀".repeat(48) + "……");
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("joins paragraphs without a stray space between Chinese sentences", () => {
    expect(describeReport({ summary: "", plainText: "第一段。\n\n第二段。" })).toBe("第一段。第二段。");
    expect(describeReport({ summary: "", plainText: "发挥“头雁效应”\n以上率下一体推进\n正文。" })).toBe("发挥“头雁效应”以上率下一体推进 正文。");
  });

  it("starts at the first body paragraph, not at a caption, figure or heading", () => {
    const html =
      '<figure class="report-figure is-missing"><figcaption><span class="caption">市直机关工委召开会议。</span> <span class="credit">本报记者 黄晓珍 摄</span></figcaption></figure>' +
      "<h3>1 学深学细 在统一思想中凝心铸魂</h3><p>全市机关党员干部认真学习。</p><p>第二段&amp;内容。</p>";
    expect(bodyLead(html)).toBe("全市机关党员干部认真学习。\n第二段&内容。");
    expect(describeReport({ summary: "", html, plainText: "市直机关工委召开会议。 本报记者 黄晓珍 摄\n1 学深学细" })).toBe("全市机关党员干部认真学习。第二段&内容。");
  });
});

