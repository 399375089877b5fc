import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("accepts a long, uncommon password", () => {
    expect(passwordProblem("泉州的刺桐花开了-2026", "qz-editor")).toBeNull();
    expect(passwordProblem("correct horse battery", "alice")).toBeNull();
  });
  it("refuses short passwords, counting characters not bytes", () => {
    expect(passwordProblem("短密码一二三四五", "alice")).toMatch(/至少需要 10 个字符/);
    expect(passwordProblem("泉州的刺桐花开了一年", "alice")).toBeNull();
  });
  it("refuses common passwords, also dressed with digits and symbols", () => {
    for (const p of ["1234567890", "qwertyuiop", "Password2026!", "2026woaini", "aaaaaaaaaaaa", "3456789012", "1qaz2wsx3edc"]) {
      expect(passwordProblem(p, "alice"), p).toMatch(/太常见/);
    }
  });
  it("refuses the username inside the password", () => {
    expect(passwordProblem("quanzhou-editor-2026", "quanzhou-editor")).toMatch(/用户名/);
  });
});
