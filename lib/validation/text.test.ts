import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hasUnsafeTextChars, safeTextRule, UNSAFE_TEXT_MESSAGE } from "./text";

describe("hasUnsafeTextChars", () => {
  it("finds NUL, other C0 controls, DEL and lone surrogates", () => {
    for (const text of ["\u0000", "a\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u000e", "\u001b[31m", "\u001f", "\u007f", "\ud800", "a\udc00b"]) {
      expect(hasUnsafeTextChars(text), JSON.stringify(text)).toBe(true);
    }
  });
  it("lets tab, line breaks and every printable character through", () => {
    for (const text of ["", "工作综述", "一\t二\n三\r\n", "😀 表情", "\u3000全角空格", "«»"]) {
      expect(hasUnsafeTextChars(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe("safeTextRule", () => {
  it("refuses unsafe characters with a Chinese message naming the field", () => {
    const schema = z.string().trim().refine(...safeTextRule("标题"));
    expect(schema.safeParse("标题").success).toBe(true);
    const result = schema.safeParse("标\u0000题");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(`标题${UNSAFE_TEXT_MESSAGE}`);
  });
});
