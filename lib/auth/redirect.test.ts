import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./redirect";

const ORIGIN = "https://dangjian.example.cn";

describe("sameOriginPath", () => {
  it("keeps paths on the site, with their query and fragment", () => {
    expect(sameOriginPath("/studio/reports?x=1#a", ORIGIN)).toBe("/studio/reports?x=1#a");
    expect(sameOriginPath("/", ORIGIN)).toBe("/");
    expect(sameOriginPath(`${ORIGIN}/studio/review`, ORIGIN)).toBe("/studio/review");
    expect(sameOriginPath("/studio/../studio/review", ORIGIN)).toBe("/studio/review");
  });

  it("refuses every way of naming another host (issue 9)", () => {
    for (const target of [
      "/\\evil.example/",
      "/\\/evil.example/",
      "/\t/evil.example/",
      "/\n/evil.example/",
      "/\r/evil.example/",
      "/\\\\evil.example",
      "\\\\evil.example",
      "//evil.example/",
      "///evil.example/",
      " //evil.example/",
      "https://evil.example/",
      "http://dangjian.example.cn/",
      "https://dangjian.example.cn:8443/",
      "https://dangjian.example.cn.evil.example/",
      "https://user@evil.example/",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "/.//evil.example/",
      "/a/..//evil.example",
    ]) {
      const result = sameOriginPath(target, ORIGIN);
      expect(result, JSON.stringify(target)).toBe("/studio");
    }
  });

  it("falls back for empty or missing targets, and never returns a protocol-relative path", () => {
    expect(sameOriginPath(undefined, ORIGIN)).toBe("/studio");
    expect(sameOriginPath("", ORIGIN, "/")).toBe("/");
    expect(sameOriginPath(["/a"], ORIGIN)).toBe("/studio");
    for (const target of ["/\\evil.example/", "/.//evil.example/", "/%2F/evil.example"]) {
      const result = sameOriginPath(target, ORIGIN);
      expect(result.startsWith("//") || result.startsWith("/\\")).toBe(false);
      expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
