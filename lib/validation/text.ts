// The one rule for text people type (report fields, body text, link titles, captions, review
// comments): no C0 control character except tab and line breaks, no DEL, no lone UTF-16
// surrogate. PostgreSQL refuses U+0000 in text and jsonb (SQLSTATE 22021) and lone surrogates
// in jsonb, which used to surface as an empty HTTP 500 that the editor's autosave retried
// forever; the other controls corrupt HTML and feeds. Checked at every boundary so a person
// gets a Chinese message instead.
import { z } from "zod";

// The report schemas (lib/reports/schemas.ts) run in the studio's browser pages too, under a
// Content-Security-Policy without 'unsafe-eval' (lib/security/headers.ts). zod's optional JIT
// probes for eval with `new Function`, which the browser reports as a CSP violation even though
// zod catches it; jitless skips the probe. Set here because every schema module imports this.
z.config({ jitless: true });

const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]/u;

/** Said after the field's name: 「标题」+ this. */
export const UNSAFE_TEXT_MESSAGE = "包含无法保存的控制字符，请删除后再试";

export function hasUnsafeTextChars(text: string): boolean {
  return UNSAFE_TEXT.test(text);
}

/**
 * The arguments of a zod `.refine` that refuses unsafe characters with a message naming the
 * field: `z.string().refine(...safeTextRule("标题"))`.
 */
export function safeTextRule(label: string): [(value: string) => boolean, { message: string }] {
  return [(value) => !hasUnsafeTextChars(value), { message: `${label}${UNSAFE_TEXT_MESSAGE}` }];
}
