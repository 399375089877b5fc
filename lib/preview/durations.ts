// The lifetimes a person may choose for a preview link, in seconds. Apart from token.ts (which
// needs node:crypto) because the editing page's control imports them in the browser.
export const PREVIEW_DURATIONS = { "1h": 3600, "1d": 86_400, "7d": 7 * 86_400 } as const;
export type PreviewDuration = keyof typeof PREVIEW_DURATIONS;
export const DEFAULT_PREVIEW_DURATION: PreviewDuration = "1d";
