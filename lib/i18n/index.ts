import { zhCN, type Messages } from "./zh-CN";

export type Locale = "zh-CN";

const catalogs: Record<Locale, Messages> = { "zh-CN": zhCN };

export function getMessages(locale: Locale = "zh-CN"): Messages {
  return catalogs[locale];
}

/** Fills `{name}` placeholders: format("共 {n} 篇", { n: 3 }) → "共 3 篇". */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export const messages = getMessages();
