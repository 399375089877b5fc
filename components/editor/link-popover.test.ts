import { describe, expect, it } from "vitest";
import { normalizeLinkInput } from "./link-popover";

describe("normalizeLinkInput", () => {
  it("adds https to a bare host name and leaves everything else as typed", () => {
    expect(normalizeLinkInput(" www.gov.cn/zhengce ")).toBe("https://www.gov.cn/zhengce");
    expect(normalizeLinkInput("gov.cn")).toBe("https://gov.cn");
    expect(normalizeLinkInput("https://www.gov.cn")).toBe("https://www.gov.cn");
    expect(normalizeLinkInput("/reports/12")).toBe("/reports/12");
    expect(normalizeLinkInput("mailto:office@example.cn")).toBe("mailto:office@example.cn");
    expect(normalizeLinkInput("javascript:alert(1)")).toBe("javascript:alert(1)");
  });
});
