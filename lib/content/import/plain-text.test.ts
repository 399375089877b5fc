import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderContent } from "../render";
import { parseContent, type TiptapDoc } from "../validate";
import { importPlainText, type ImportedReport } from "./plain-text";

const SAMPLES = new URL("../../../prisma/seed-data/samples/", import.meta.url);
const readSample = (name: string): string => readFileSync(new URL(name, SAMPLES), "utf8");

/** Characters that carry text: whitespace never does, `#` and a caption's `▲` are markup the importer consumes. */
function significant(text: string): string {
  return text.replace(/[\s#▲]/gu, "");
}

/** The parentheses around each figure credit, which the importer consumes (`(本报记者 黄晓珍 摄)`). */
function creditParentheses(report: ImportedReport): string {
  return blocks(report)
    .filter((block) => block.type === "figure" && typeof block.attrs?.credit === "string")
    .map(() => "()")
    .join("");
}

function removeFirst(text: string, label: string): string {
  const index = text.indexOf(label);
  if (index < 0) throw new Error(`label ${label} not in source`);
  return text.slice(0, index) + text.slice(index + label.length);
}

/** Per character, how many more the output has than the source; empty when both hold the same characters. */
function characterDifference(source: string, output: string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const char of source) counts.set(char, (counts.get(char) ?? 0) - 1);
  for (const char of output) counts.set(char, (counts.get(char) ?? 0) + 1);
  return Object.fromEntries([...counts].filter(([, count]) => count !== 0));
}

/** Greedy in-order subsequence search; returns the index of the first matched character or -1. */
function subsequenceStart(haystack: string, needle: string, from: number): number {
  let position = from;
  let start = -1;
  for (const char of needle) {
    const found = haystack.indexOf(char, position);
    if (found < 0) return -1;
    if (start < 0) start = found;
    position = found + char.length;
  }
  return start;
}

function metadataText(report: ImportedReport): string {
  const { kicker, title, subtitle, byline, source, originalTitle, responsibleEditor, issueDate } = report;
  return [kicker, title, subtitle, byline, source, originalTitle, responsibleEditor, issueDate].filter(Boolean).join("");
}

function blocks(report: ImportedReport): TiptapDoc[] {
  return report.content.content ?? [];
}

function headingTexts(report: ImportedReport, level?: number): string[] {
  return blocks(report)
    .filter((block) => block.type === "heading" && (level === undefined || block.attrs?.level === level))
    .map((block) => (block.content ?? []).map((child) => child.text ?? "\n").join(""));
}

const samples: Array<{ file: string; consumedLabels: string[] }> = [
  { file: "xiamen-2022.txt", consumedLabels: [] },
  { file: "redacted-city-speech-2023.txt", consumedLabels: [] },
  { file: "zhuzhou-2022.txt", consumedLabels: [] },
  { file: "fuzhou-2024.txt", consumedLabels: [] },
  // The —— subtitle repeats the title: recorded once.
  { file: "zhangzhou-2022.txt", consumedLabels: ["作者:", "来源:", "(原标题)", "——漳州高标准高质量开展党史学习教育综述", "责任编辑:"] },
];

describe.each(samples)("importPlainText($file)", ({ file, consumedLabels }) => {
  const sourceText = readSample(file);
  const report = importPlainText(sourceText);
  const rendered = renderContent(report.content);

  it("loses no text and adds none", () => {
    const source = significant(consumedLabels.reduce(removeFirst, sourceText));
    const output = significant(metadataText(report) + rendered.plainText + creditParentheses(report));
    expect(characterDifference(source, output)).toEqual({});
    expect(output.length).toBe(source.length);
  });

  it("keeps the body in source order", () => {
    const source = significant(sourceText);
    let cursor = 0;
    for (const line of rendered.plainText.split("\n")) {
      const block = significant(line);
      if (block === "") continue;
      const start = subsequenceStart(source, block, cursor);
      expect(start, `block out of order: ${block.slice(0, 30)}`).toBeGreaterThanOrEqual(0);
      // The next block starts after this one starts (a caption that stood inside a split
      // paragraph comes right after the re-joined paragraph, hence "starts", not "ends").
      cursor = start + 1;
    }
  });

  it("produces content that validates and renders", () => {
    expect(parseContent(report.content).ok).toBe(true);
    expect(rendered.html.length).toBeGreaterThan(1000);
    expect(rendered.charCount).toBeGreaterThan(2000);
  });

  it("has a title", () => {
    expect(report.title).not.toBe("");
  });
});

describe("sample specifics", () => {
  it("xiamen: Markdown title, subtitle, numbered sections, ▲ captions as figures waiting for photos", () => {
    const report = importPlainText(readSample("xiamen-2022.txt"));
    expect(report.title).toBe("凝心铸魂担使命 踔厉奋发谱新篇");
    expect(report.subtitle).toBe("市直机关持续兴起学习宣传贯彻党的二十大精神热潮");
    expect(report.issueDate).toBeUndefined();
    expect(headingTexts(report, 3)).toEqual([
      "1 学深学细 在统一思想中凝心铸魂",
      "2 亮晒比争 在品牌培育中推动融合互促",
      "3 创新载体 在学思践悟中汇聚青春力量",
      "4 党徽闪耀 在火热实践中展现担当作为",
    ]);
    const { plainText } = renderContent(report.content);
    expect(plainText).toContain("\n市直机关工委为机关青年理论宣讲“轻骑兵”颁发聘书。 本报记者 黄晓珍 摄\n");
    const figures = blocks(report).filter((block) => block.type === "figure");
    expect(figures).toHaveLength(5);
    expect(figures.every((figure) => figure.attrs?.src === null)).toBe(true);
    expect(figures.find((figure) => figure.attrs?.credit !== null)?.attrs).toMatchObject({
      caption: "市直机关工委为机关青年理论宣讲“轻骑兵”颁发聘书。",
      credit: "本报记者 黄晓珍 摄",
    });
    expect(plainText).toContain("干事创业热情，将以此为契机");
    expect(report.warnings.some((warning) => warning.includes("5 段图片说明"))).toBe(true);
  });

  it("zhangzhou: header block, original title, subtitle, two-line headings, responsible editor", () => {
    const report = importPlainText(readSample("zhangzhou-2022.txt"));
    expect(report.title).toBe("漳州高标准高质量开展党史学习教育综述");
    expect(report.issueDate).toBe("2022-01-17");
    expect(report.byline).toBe("吴静芳");
    expect(report.source).toBe("闽南日报");
    expect(report.originalTitle).toBe("初心如磐向未来 向史而新再奋斗");
    expect(report.subtitle).toBeUndefined();
    expect(report.warnings).toContain("副标题与标题相同，只保留了标题");
    expect(report.responsibleEditor).toBe("小慧");
    expect(headingTexts(report, 3)).toEqual([
      "发挥“头雁效应”\n以上率下一体推进",
      "根植红色热土\n守正创新出彩出新",
      "激发奋进之力\n笃行实干奋力赶考",
      "坚持人民至上\n学史力行实干为民",
    ]);
    const { plainText } = renderContent(report.content);
    expect(plainText.startsWith("2021年,漳州市上下同频共振")).toBe(true);
    expect(plainText).not.toContain("责任编辑");
  });

  it("zhuzhou: kicker and title from mid-page, byline, numbered sections, column splits joined", () => {
    const report = importPlainText(readSample("zhuzhou-2022.txt"));
    expect(report.byline).toContain("卢昆红");
    expect(report.byline).toBe("株洲日报全媒体记者/卢昆红");
    expect(report.kicker).toBe("擎旗奋进新征程");
    expect(report.title).toBe("走好「第一方阵」建设模范机关");
    expect(report.issueDate).toBeUndefined();
    expect(headingTexts(report)).toEqual(expect.arrayContaining(["1 培根铸魂写忠诚", "2 凝心聚力谋发展", "3 统筹融合聚合力", "4 固本培元强基础"]));
    const { plainText } = renderContent(report.content);
    expect(plainText).toContain("在“车厢课堂”学唱红歌");
    expect(plainText).toContain("志愿服务队2000余支,开展");
    expect(plainText).toContain("市直机关以习近平新时代中国特色社会主义思想为指导");
    expect(plainText).toContain("“一名党员就是一面旗帜”");
    expect(plainText.endsWith("(本版图片均由市直机关工委提供)")).toBe(true);
    expect(report.warnings.some((warning) => warning.includes("正文中间"))).toBe(true);
  });

  it("fuzhou: title and subtitle from mid-page, byline, lead-in subheadings, split across a caption", () => {
    const report = importPlainText(readSample("fuzhou-2024.txt"));
    expect(report.byline).toContain("冯雪珠");
    expect(report.byline).toBe("本报记者 冯雪珠");
    expect(report.title).toBe("新时代机关党建的「福州答卷」");
    expect(report.subtitle).toBe("市直机关党建五年工作综述");
    expect(headingTexts(report, 3)).toEqual(["走好践行“两个维护”第一方阵", "服务保障高质量发展第一要务", "筑牢基层基础第一工程", "压实全面从严治党第一责任"]);
    expect(headingTexts(report, 4)).toContain("坚持不懈加强政治建设——");
    const { plainText } = renderContent(report.content);
    expect(plainText).toContain("引领2000多个基层党组织");
    expect(plainText).toContain("“新、活、实”优秀案例");
    expect(plainText).toContain("和市直党群机构绩效");
    expect(plainText).toContain("配齐配强机关纪委书记");
    // The caption printed between "2.54万人" and "次" follows the re-joined paragraph.
    expect(plainText).toContain("学干部达2.54万人次,线上课程点击量达34.36万次。\n市直机关“我在乡间有亩田”认种认养活动。\n");
  });

  it("redacted speech: first line is the title, placeholders stay literal, a warning blocks publishing", () => {
    const source = readSample("redacted-city-speech-2023.txt");
    const report = importPlainText(source);
    expect(report.title).toBe("在2023年全省机关党建工作会议上的汇报发言");
    expect(report.warnings).toContain("文中含有被删除内容的占位符（***），不能直接发布");
    const { plainText } = renderContent(report.content);
    expect(plainText).toContain("来自市纪委监委等**个单位**多名党员干部");
    expect(plainText).toContain("学习用书****套，发放到***个市直机关");
    expect(plainText.split("*").length).toBe(source.split("*").length);
    const hasBold = JSON.stringify(report.content).includes('"bold"');
    expect(hasBold).toBe(false);
    expect(plainText.split("\n")[0]).toBe("各位领导，同志们：");
  });
});

describe("importPlainText rules", () => {
  it("turns **bold** pairs into bold marks when asterisks are not placeholders", () => {
    const report = importPlainText("标题\n\n**一是抓政治。**全面加强学习，**二是强基础**，持续推进。\n");
    expect(blocks(report)[0]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "一是抓政治。", marks: [{ type: "bold" }] },
        { type: "text", text: "全面加强学习，" },
        { type: "text", text: "二是强基础", marks: [{ type: "bold" }] },
        { type: "text", text: "，持续推进。" },
      ],
    });
    expect(report.warnings.join()).not.toContain("占位符");
  });

  it("keeps asterisks literal when any placeholder run appears", () => {
    const report = importPlainText("标题\n\n**市直机关工委**组织学习，发放***册。\n");
    expect(JSON.stringify(report.content)).not.toContain('"bold"');
    expect(renderContent(report.content).plainText).toBe("**市直机关工委**组织学习，发放***册。");
    expect(report.warnings).toContain("文中含有被删除内容的占位符（***），不能直接发布");
  });

  it("keeps an unpaired ** literal and warns", () => {
    const report = importPlainText("标题\n\n为**奋力建设新时代提供保证。\n");
    expect(renderContent(report.content).plainText).toBe("为**奋力建设新时代提供保证。");
    expect(report.warnings).toContain("文中含有被删除内容的占位符（***），不能直接发布");
  });

  it("leaves issueDate undefined when the text has no header date", () => {
    const report = importPlainText("标题\n\n2021年8月16日，召开会议。\n");
    expect(report.issueDate).toBeUndefined();
  });

  it("reads a header line with a Chinese date and full-width colons", () => {
    const report = importPlainText("某市机关党建综述\n2023年6月5日　作者：张三　来源：某某日报\n\n正文第一段。\n");
    expect(report).toMatchObject({ title: "某市机关党建综述", issueDate: "2023-06-05", byline: "张三", source: "某某日报" });
    expect(renderContent(report.content).plainText).toBe("正文第一段。");
  });

  it("does not accept an impossible date", () => {
    const report = importPlainText("标题\n2023-02-30 作者:张三\n\n正文。\n");
    expect(report.issueDate).toBeUndefined();
    expect(renderContent(report.content).plainText).toContain("2023-02-30");
  });

  it("joins a paragraph split by a blank line mid-sentence, also across a caption", () => {
    const report = importPlainText("标题\n\n全市组建宣讲队伍1800\n\n\n\n图为宣讲现场。\n\n多支，覆盖全部社区。\n\n下一段。\n");
    expect(renderContent(report.content).plainText).toBe("全市组建宣讲队伍1800多支，覆盖全部社区。\n图为宣讲现场。\n下一段。");
  });

  it("does not join across more than one blank line", () => {
    const report = importPlainText("# 标题\n\n这一段文字没有结尾的标点符号但它确实已经结束了\n\n\n\n下一段是另外一件事情，和上一段无关，而且它足够长，不像一条图片说明那样短小，所以它是一个普通的段落。这里再补充几句话，让它的长度超过一百五十个字：市直机关各级党组织紧跟中央和省委、市委的部署要求，科学筹划、严密组织，真抓实干、层层推进，推动学习宣传贯彻工作往深里走、往心里走、往实里走，以实际行动展现机关党员干部的担当作为。\n");
    const lines = renderContent(report.content).plainText.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("这一段文字没有结尾的标点符号但它确实已经结束了");
  });

  it("makes short standalone lines headings, and lines ending in —— level-4 headings", () => {
    const report = importPlainText("标题\n\n第一段。\n\n强化政治引领\n\n第二段。\n\n聚焦中心勇作为——\n\n第三段。\n");
    expect(headingTexts(report, 3)).toEqual(["强化政治引领"]);
    expect(headingTexts(report, 4)).toEqual(["聚焦中心勇作为——"]);
  });

  it("returns valid content for empty input", () => {
    const report = importPlainText("   \n\n");
    expect(report.title).toBe("");
    expect(parseContent(report.content).ok).toBe(true);
    expect(report.warnings).toContain("未能识别标题，请手动填写");
  });

  it("handles Windows line endings and a byte-order mark", () => {
    const report = importPlainText("\ufeff标题\r\n\r\n第一段。\r\n");
    expect(report.title).toBe("标题");
    expect(renderContent(report.content).plainText).toBe("第一段。");
  });
});

describe("newspaper conventions", () => {
  it("takes a closing byline in parentheses and keeps a dateline in the text", () => {
    const report = importPlainText("金山区召开机关党建推进会\n\n金山讯 近日，金山区召开机关党建工作推进会，总结上半年工作，部署下一阶段任务，要求各单位狠抓落实。\n\n(记者 盛林娟)\n");
    expect(report.title).toBe("金山区召开机关党建推进会");
    expect(report.byline).toBe("记者 盛林娟");
    expect(JSON.stringify(report.content)).toContain("金山讯 近日");
    expect(JSON.stringify(report.content)).not.toContain("盛林娟");
  });

  it("reads the reporter from a 本报讯 dateline", () => {
    const report = importPlainText("标题在这里\n\n本报讯（记者 张三）近日，市直机关工委组织开展主题党日活动，党员干部走进社区开展志愿服务，收到良好效果。\n");
    expect(report.byline).toBe("记者 张三");
  });

  it("does not take a page banner for a section heading", () => {
    const report = importPlainText("# 标题\n\n厦门日报 2022年10月28日 第A05版\n\n正文第一段，内容充实，叙述完整，结尾有句号。\n");
    expect(blocks(report).filter((block) => block.type === "heading")).toEqual([]);
    expect(report.warnings.some((warning) => warning.includes("版面标识"))).toBe(true);
  });

  it("flags a paragraph that starts mid-sentence after a page break", () => {
    const report = importPlainText("# 标题\n\n这一段在版面末尾被截断了，后面的文字在下一版的开头继续写到\n\n\n，并且一直写到这里才结束。\n");
    expect(report.warnings.some((warning) => warning.includes("从句子中间开始"))).toBe(true);
  });

  it("turns ▲ captions into figures waiting for their photos, with the credit split out", () => {
    const report = importPlainText("# 标题\n\n正文第一段，内容充实，叙述完整。\n\n\n▲党员志愿者走进社区。（通讯员 李四 摄）\n\n正文第二段。\n");
    const figure = blocks(report).find((block) => block.type === "figure");
    expect(figure?.attrs).toEqual({ src: null, alt: null, caption: "党员志愿者走进社区。", credit: "通讯员 李四 摄", mediaId: null });
  });
});
