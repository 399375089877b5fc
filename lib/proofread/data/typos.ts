/**
 * Curated typos of official writing (wrong → right) and discouraged forms.
 * Plain entries are matched literally; `context` entries carry a regular
 * expression because the right choice depends on what follows (截止/截至).
 * The site admin can add plain entries through createChecker({ extraTypos }).
 */
export interface TypoEntry {
  wrong: string;
  right: string;
  note?: string;
  source?: string;
  /** "style" for discouraged forms, otherwise a typo. */
  kind?: "typo" | "style";
  /** A style entry the policy reports as a warning rather than a hint. */
  strong?: boolean;
}

export interface ContextTypo {
  /** Matches the wrong text; only the first capture group (if any) is reported. */
  re: RegExp;
  right: string;
  note: string;
  source: string;
  kind?: "typo" | "style";
  /** Not reported inside “…” on the same line (slogans and activity names are quoted as they are). */
  outsideQuotes?: boolean;
}

const DICT = "《现代汉语词典》（第7版）";
const FREQ = "公文常见错别字";

export const TYPOS: TypoEntry[] = [
  { wrong: "再接再励", right: "再接再厉", source: DICT },
  { wrong: "按步就班", right: "按部就班", source: DICT },
  { wrong: "迫不急待", right: "迫不及待", source: DICT },
  { wrong: "一愁莫展", right: "一筹莫展", source: DICT },
  { wrong: "默守成规", right: "墨守成规", source: DICT },
  { wrong: "走头无路", right: "走投无路", source: DICT },
  { wrong: "针贬时弊", right: "针砭时弊", source: DICT },
  { wrong: "破斧沉舟", right: "破釜沉舟", source: DICT },
  { wrong: "穿流不息", right: "川流不息", source: DICT },
  { wrong: "甘败下风", right: "甘拜下风", source: DICT },
  { wrong: "自抱自弃", right: "自暴自弃", source: DICT },
  { wrong: "不径而走", right: "不胫而走", source: DICT },
  { wrong: "一股作气", right: "一鼓作气", source: DICT },
  { wrong: "出奇不意", right: "出其不意", source: DICT },
  { wrong: "言简意骇", right: "言简意赅", source: DICT },
  { wrong: "声名雀起", right: "声名鹊起", source: DICT },
  { wrong: "金榜提名", right: "金榜题名", source: DICT },
  { wrong: "既往不究", right: "既往不咎", source: DICT },
  { wrong: "直接了当", right: "直截了当", source: DICT },
  { wrong: "源远流常", right: "源远流长", source: DICT },
  { wrong: "世外桃园", right: "世外桃源", source: DICT },
  { wrong: "貌和神离", right: "貌合神离", source: DICT },
  { wrong: "鞠躬尽粹", right: "鞠躬尽瘁", source: DICT },
  { wrong: "事必躬清", right: "事必躬亲", source: DICT },
  { wrong: "出谋化策", right: "出谋划策", source: DICT },
  { wrong: "精兵减政", right: "精兵简政", source: DICT },
  { wrong: "励精图志", right: "励精图治", source: DICT },
  { wrong: "以身做则", right: "以身作则", source: DICT },
  { wrong: "艰苦扑素", right: "艰苦朴素", source: DICT },
  { wrong: "提纲携领", right: "提纲挈领", source: DICT },
  { wrong: "循序渐近", right: "循序渐进", source: DICT },
  { wrong: "变本加利", right: "变本加厉", source: DICT },
  { wrong: "委屈求全", right: "委曲求全", source: DICT },
  { wrong: "好高鹜远", right: "好高骛远", source: DICT },
  { wrong: "莫不关心", right: "漠不关心", source: DICT },
  { wrong: "一如继往", right: "一如既往", source: DICT },
  { wrong: "竞竞业业", right: "兢兢业业", source: DICT },
  { wrong: "震聋发聩", right: "振聋发聩", source: DICT },
  { wrong: "蜂涌而至", right: "蜂拥而至", source: DICT },
  { wrong: "出奇致胜", right: "出奇制胜", source: DICT },
  { wrong: "融汇贯通", right: "融会贯通", source: DICT },
  { wrong: "一以惯之", right: "一以贯之", source: DICT },
  { wrong: "励行节约", right: "厉行节约", source: DICT },
  { wrong: "通货膨涨", right: "通货膨胀", source: DICT },
  { wrong: "布署", right: "部署", source: FREQ },
  { wrong: "签定", right: "签订", source: FREQ },
  { wrong: "按装", right: "安装", source: FREQ },
  { wrong: "座落", right: "坐落", source: DICT },
  { wrong: "重迭", right: "重叠", source: DICT },
  { wrong: "宏扬", right: "弘扬", source: FREQ },
  { wrong: "贯撤", right: "贯彻", source: FREQ },
  { wrong: "壁画蓝图", right: "擘画蓝图", source: FREQ },
  { wrong: "擘划蓝图", right: "擘画蓝图", source: FREQ },
  { wrong: "踔励奋发", right: "踔厉奋发", source: FREQ },
  { wrong: "卓厉奋发", right: "踔厉奋发", source: FREQ },
  { wrong: "庚续", right: "赓续", source: FREQ },
  { wrong: "坚如盘石", right: "坚如磐石", source: DICT },
  { wrong: "蹄急步稳", right: "蹄疾步稳", source: FREQ },
  { wrong: "笃行不殆", right: "笃行不怠", source: FREQ },
  { wrong: "抵砺前行", right: "砥砺前行", source: FREQ },
  { wrong: "砥励前行", right: "砥砺前行", source: FREQ },
  { wrong: "久久为工", right: "久久为功", source: FREQ },
  { wrong: "击浊扬清", right: "激浊扬清", source: FREQ },
  { wrong: "惩前必后", right: "惩前毖后", source: FREQ },
  { wrong: "凝心聚利", right: "凝心聚力", source: FREQ },
  { wrong: "入脑入新", right: "入脑入心", source: FREQ },
  { wrong: "党风廉正", right: "党风廉政", source: FREQ },
  { wrong: "廉洁自率", right: "廉洁自律", source: FREQ },
  { wrong: "防微杜浙", right: "防微杜渐", source: FREQ },
  { wrong: "招开", right: "召开", source: FREQ },
  { wrong: "选拨", right: "选拔", source: FREQ },
  { wrong: "战斗保垒", right: "战斗堡垒", source: FREQ },
  { wrong: "弛而不息", right: "驰而不息", source: FREQ },
  { wrong: "度过难关", right: "渡过难关", source: DICT },
  { wrong: "明查暗访", right: "明察暗访", source: DICT },
  { wrong: "暴光", right: "曝光", source: DICT },
  { wrong: "必竟", right: "毕竟", source: FREQ },
  { wrong: "侯选人", right: "候选人", source: FREQ },
  { wrong: "气慨", right: "气概", source: FREQ },
  { wrong: "松驰", right: "松弛", source: FREQ },
  { wrong: "挺而走险", right: "铤而走险", source: DICT },
  { wrong: "幅射", right: "辐射", source: FREQ },
  { wrong: "竞然", right: "竟然", source: FREQ },
  { wrong: "决窍", right: "诀窍", source: FREQ },
  { wrong: "密秘", right: "秘密", source: FREQ },
  { wrong: "欣尝", right: "欣赏", source: FREQ },
  { wrong: "坐阵", right: "坐镇", source: FREQ },
  { wrong: "安祥", right: "安详", source: FREQ },
  { wrong: "发韧", right: "发轫", source: FREQ },
  { wrong: "凭心而论", right: "平心而论", source: DICT },
  { wrong: "既往开来", right: "继往开来", source: DICT },
  { wrong: "坚苦奋斗", right: "艰苦奋斗", source: DICT },
  { wrong: "坚苦卓绝", right: "艰苦卓绝", source: DICT },
  { wrong: "克已奉公", right: "克己奉公", source: DICT },
  { wrong: "如火如茶", right: "如火如荼", source: DICT },
  { wrong: "脉博", right: "脉搏", source: FREQ },
  { wrong: "宗指意识", right: "宗旨意识", source: FREQ },
  { wrong: "惯彻落实", right: "贯彻落实", source: FREQ },
  { wrong: "学习惯彻", right: "学习贯彻", source: FREQ },
  { wrong: "先峰模范", right: "先锋模范", source: FREQ },
  { wrong: "截止目前", right: "截至目前", source: FREQ, note: "“截至”表示到某时为止，后接时间；“截止”表示到期停止，后面不接时间" },
  { wrong: "截止到", right: "截至", source: FREQ, note: "“截至”本身即“截止到”，后接时间" },
  { wrong: "截止发稿", right: "截至发稿", source: FREQ },
  { wrong: "习总书记", right: "习近平总书记", kind: "style", strong: true, source: "中央媒体规范称谓", note: "领导人称谓宜用全称" },
  { wrong: "习大大", right: "习近平总书记", kind: "style", strong: true, source: "中央媒体规范称谓", note: "领导人称谓须庄重规范" },
  { wrong: "建国以来", right: "新中国成立以来", kind: "style", source: "新闻报道规范用语", note: "“建国”指代不明，报道中称“新中国成立”" },
  { wrong: "建国后", right: "新中国成立后", kind: "style", source: "新闻报道规范用语", note: "“建国”指代不明，报道中称“新中国成立”" },
  { wrong: "建国前", right: "新中国成立前", kind: "style", source: "新闻报道规范用语", note: "“建国”指代不明，报道中称“新中国成立”" },
  { wrong: "建国初期", right: "新中国成立初期", kind: "style", source: "新闻报道规范用语", note: "“建国”指代不明，报道中称“新中国成立”" },
  { wrong: "党中央国务院", right: "党中央、国务院", kind: "style", source: "新闻报道规范用语", note: "并列的机构名称之间加顿号" },
];

export const CONTEXT_TYPOS: ContextTypo[] = [
  {
    re: /(截止)(?=\d|[一二三四五六七八九十]+月|今年|去年|当年|年底|年末|本月|上月|当前|今天|今日|日前|[2二]〇|20)/g,
    right: "截至",
    note: "后接时间表示“到某时为止”，应用“截至”",
    source: FREQ,
  },
  { re: /(截至)(?=[。，；！、）]|日期|时间$|时间[。，；]|$)/gm, right: "截止", note: "表示到期停止、后面不接时间时，应用“截止”", source: FREQ },
  {
    re: /(?<!不良|过敏|化学|应急|免疫|连锁|快速|灵敏|迅速)(反应)(?=了?(?:群众|基层|社情民意|情况|问题|诉求|意见|心声|呼声|建议|民意))|(?<=如实|及时|真实|集中|充分|客观|全面|向上级|向组织)(反应)/g,
    right: "反映",
    note: "表示把情况、意见告知上级或表现出客观事物，应用“反映”",
    source: FREQ,
  },
  { re: /(必需)(?=坚持|加强|做到|把|始终|牢记|严格|认真|深刻|要|高度|进一步)/g, right: "必须", note: "作副词表示“一定要”，应用“必须”", source: FREQ },
  { re: /(按排)(?!名|行|序|列|队)/g, right: "安排", note: "“安排”误作“按排”（“按排名”等除外）", source: FREQ },
  { re: /(?<![毕究])(竟争)/g, right: "竞争", note: "“竞争”误作“竟争”", source: FREQ },
  { re: /(?<![毕究])(竟赛)/g, right: "竞赛", note: "“竞赛”误作“竟赛”", source: FREQ },
  { re: /(?<![攻])(克苦)(?=学习|钻研|训练|耐劳|努力)/g, right: "刻苦", note: "“刻苦”误作“克苦”", source: FREQ },
  { re: /(?<![当看叫视称比])(做为)/g, right: "作为", note: "表示“当作、身份”时应用“作为”", source: FREQ },
  { re: /(?<![立随当])(即要)(?=[^。；]{1,30}又要)/g, right: "既要", note: "“既……又……”连用，应用“既”", source: FREQ },
  { re: /(?<!党的|中共|党|的|第|、|和|及|与|至|到|以及)((?:十[六七八九]|二十)大)(?![学厦会道街桥队门院楼庆代表类项批件工程行动举措任务])/g, right: "党的$1", note: "党的全国代表大会宜称“党的××大”", source: "新闻报道规范用语", kind: "style", outsideQuotes: true },
];
