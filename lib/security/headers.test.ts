import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { READING_PREFERENCES_SCRIPT } from "@/components/ui/reading-preferences";
import { contentSecurityPolicy, INLINE_SCRIPT_HASHES, isPrivatePath, scriptsOnlyByHash, securityHeaders } from "./headers";

describe("contentSecurityPolicy", () => {
  it("allows the layout's inline script by its hash", () => {
    const hash = `'sha256-${createHash("sha256").update(READING_PREFERENCES_SCRIPT).digest("base64")}'`;
    expect(INLINE_SCRIPT_HASHES).toContain(hash);
    expect(contentSecurityPolicy({ nonce: "abc", dev: false })).toContain(hash);
  });

  it("gives private pages a nonce and no 'unsafe-inline' script, public pages no nonce", () => {
    const withNonce = contentSecurityPolicy({ nonce: "abc", dev: false });
    expect(withNonce).toMatch(/script-src 'self' 'nonce-abc' .*'strict-dynamic'/);
    expect(withNonce).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(contentSecurityPolicy({ dev: false })).not.toContain("nonce-");
    for (const policy of [withNonce, contentSecurityPolicy({ dev: false })]) {
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'self'");
      expect(policy).not.toContain("unsafe-eval");
    }
  });

  it("leaves a page without the runtime only its own inline scripts, by hash", () => {
    const policy = scriptsOnlyByHash(contentSecurityPolicy({ dev: false }));
    expect(policy).toContain(`script-src ${INLINE_SCRIPT_HASHES.join(" ")};`);
    expect(policy.match(/script-src[^;]*/)![0]).not.toMatch(/'self'|'unsafe-inline'/);
    // The other directives are as they were.
    expect(policy.replace(/script-src[^;]*/, "")).toBe(contentSecurityPolicy({ dev: false }).replace(/script-src[^;]*/, ""));
  });

  it("knows which pages are private", () => {
    expect(isPrivatePath("/studio")).toBe(true);
    expect(isPrivatePath("/studio/reports/x")).toBe(true);
    expect(isPrivatePath("/signin")).toBe(true);
    expect(isPrivatePath("/studios")).toBe(false);
    expect(isPrivatePath("/reports/x")).toBe(false);
  });

  it("sends HSTS only over HTTPS", () => {
    expect(securityHeaders(false)).not.toHaveProperty("strict-transport-security");
    expect(securityHeaders(true)["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders(false)).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff" });
  });
});
