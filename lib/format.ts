// Dates as Chinese readers write them, always in China Standard Time.
const TIME_ZONE = "Asia/Shanghai";

const dateFormat = new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, year: "numeric", month: "long", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

const timeFormat = new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hour12: false });

/** 14:32, in China time like every other time the product shows. */
export function formatTime(date: Date): string {
  return timeFormat.format(date);
}

/** 2022年1月17日 */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** 2026/11/22 14:32 */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

/** Calendar dates (@db.Date) are stored at UTC midnight; format them without shifting the day. */
export function formatCalendarDate(date: Date): string {
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/** A URL segment as text, whether or not the router already decoded it. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
