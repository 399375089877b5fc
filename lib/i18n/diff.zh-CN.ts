// Strings of the revision comparison (lib/reports/diff.ts, components/report/revision-diff.tsx).
// Kept apart from zh-CN.ts so it can be merged in as `diff` without touching that file meanwhile.
import { zhCN } from "./zh-CN";

export const diffMessages = {
  /** Labels of the newspaper fields, as the editing form names them (and 标签, which it lists apart). */
  fields: { ...zhCN.studio.fields, tags: "标签" },
  /** How the body's blocks are named to a reader. */
  blocks: {
    paragraph: "段落",
    heading2: "二级标题",
    heading3: "三级标题",
    heading4: "四级标题",
    heading: "标题",
    listItem: "列表项",
    tableRow: "表格行",
    tableHeaderRow: "表头行",
    figure: "图片",
    horizontalRule: "分隔线",
    blockquote: "引文",
    other: "内容块",
  },
  /** Text that stands for blocks without text of their own. */
  blockText: {
    figure: "图片：{caption}",
    figureWithCredit: "图片：{caption}（{credit}）",
    figureUntitled: "图片（无说明）",
    horizontalRule: "——",
    tagSeparator: "、",
    cellSeparator: " | ",
  },
  compare: {
    versions: "{before} → {after}",
    summaryBody: "正文：{list}",
    summaryChanged: "修改 {count} 段",
    summaryInserted: "新增 {count} 段",
    summaryDeleted: "删除 {count} 段",
    summaryMoved: "（其中 {count} 段为调整位置）",
    summaryNoBodyChange: "正文无变化",
    summaryFields: "字段变化 {count} 项",
    summaryNoFieldChange: "字段无变化",
    listSeparator: "，",
    summarySeparator: "；",
    noChanges: "两个版本内容相同",
    fieldsHeading: "字段变化",
    bodyHeading: "正文",
    fieldColumn: "字段",
    beforeColumn: "原内容",
    afterColumn: "新内容",
    empty: "（空）",
    unchangedRun: "… {count} 段未改动 …",
    inserted: "新增",
    deleted: "删除",
    changed: "修改",
    /** A paragraph moved (same text deleted in one place, inserted in another). */
    movedHere: "移至此处",
    movedAway: "已移走",
    formattingOnly: "仅格式变化",
    figureFormattingOnly: "图片或替代文字变化",
    labelChanged: "{before} → {after}",
    /** Read out by screen readers around inline insertions and deletions. */
    insertionStart: "新增：",
    insertionEnd: "（新增结束）",
    deletionStart: "删除：",
    deletionEnd: "（删除结束）",
  },
  conflict: {
    summary: "共 {count} 处不同：字段 {fields} 项，正文 {blocks} 段",
    identical: "两个版本内容相同",
    fieldsHeading: "字段",
    bodyHeading: "正文",
    sameRun: "… {count} 段相同 …",
    missing: "（此版本没有这一段）",
    empty: "（空）",
    formattingOnly: "仅格式不同",
    figureFormattingOnly: "图片或替代文字不同",
    moved: "两个版本中位置不同",
    /** Read out around the text that only one version has. */
    onlyHereStart: "仅此版本有：",
    onlyHereEnd: "（差异结束）",
  },
} as const;

export type DiffMessages = typeof diffMessages;
