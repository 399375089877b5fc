import type { TiptapDoc } from "../validate";

export interface ImportedReport {
  /** 引题 */
  kicker?: string;
  /** 标题; empty when none could be recognised (a warning says so). */
  title: string;
  /** 副题 */
  subtitle?: string;
  /** 作者/记者, as printed (e.g. `本报记者 冯雪珠`). */
  byline?: string;
  /** 来源 */
  source?: string;
  /** 原标题 of a reprint */
  originalTitle?: string;
  /** 责任编辑 */
  responsibleEditor?: string;
  /** YYYY-MM-DD, only when the text states the date in its header. */
  issueDate?: string;
  content: TiptapDoc;
  /** For the editor, in Simplified Chinese. */
  warnings: string[];
}
