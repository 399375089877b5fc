import { describe, expect, it } from "vitest";
import { previewExpiry, signPreviewToken, verifyPreviewToken } from "./token";

const secret = "unit-test-secret";
const now = new Date("2026-12-01T03:00:00Z");
const expiresAt = new Date("2026-12-02T03:00:00Z");

describe("preview tokens", () => {
  it("verifies a token it signed, until its expiry", () => {
    const token = signPreviewToken({ reportId: "cm1abc", expiresAt, secret });
    expect(verifyPreviewToken(token, secret, now)).toEqual({ ok: true, reportId: "cm1abc", expiresAt });
    expect(verifyPreviewToken(token, secret, new Date(expiresAt.getTime() - 1000)).ok).toBe(true);
  });

  it("says expired at and after the expiry", () => {
    const token = signPreviewToken({ reportId: "cm1abc", expiresAt, secret });
    expect(verifyPreviewToken(token, secret, expiresAt)).toEqual({ ok: false, reason: "expired", reportId: "cm1abc", expiresAt });
    expect(verifyPreviewToken(token, secret, new Date(expiresAt.getTime() + 86_400_000)).ok).toBe(false);
  });

  it("makes a distinct token for every link to the same report and expiry", () => {
    const a = signPreviewToken({ reportId: "cm1abc", expiresAt, secret });
    const b = signPreviewToken({ reportId: "cm1abc", expiresAt, secret });
    expect(a).not.toBe(b);
  });

  it("refuses a token signed with another secret", () => {
    const token = signPreviewToken({ reportId: "cm1abc", expiresAt, secret: "another-secret" });
    expect(verifyPreviewToken(token, secret, now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses any altered part, including a later expiry or another report", () => {
    const token = signPreviewToken({ reportId: "cm1abc", expiresAt, secret, nonce: "nonce-123" });
    const [id, expiry, nonce, signature] = token.split(".") as [string, string, string, string];
    const later = String(Number(expiry) + 86_400);
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    for (const altered of [
      [id, later, nonce, signature],
      ["cm1abd", expiry, nonce, signature],
      [id, expiry, "nonce-124", signature],
      [id, expiry, nonce, flipped],
      [id, expiry, nonce, signature.slice(1)],
    ]) {
      expect(verifyPreviewToken(altered.join("."), secret, now)).toEqual({ ok: false, reason: "invalid" });
    }
    // An expired token that was tampered with is invalid, not expired: only real links expire.
    expect(verifyPreviewToken([id, "1", nonce, signature].join("."), secret, now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses malformed tokens without throwing", () => {
    for (const token of ["", "abc", "a.b.c", "a.b.c.d.e", "../x.1.nonce-123.sig", `${"x".repeat(65)}.1.nonce-123.${"a".repeat(43)}`]) {
      expect(verifyPreviewToken(token, secret, now)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("refuses to sign or verify without a secret", () => {
    expect(() => signPreviewToken({ reportId: "cm1abc", expiresAt, secret: "" })).toThrow();
    const token = signPreviewToken({ reportId: "cm1abc", expiresAt, secret });
    expect(() => verifyPreviewToken(token, "", now)).toThrow();
  });

  it("offers 1 hour, 1 day and 7 days", () => {
    expect(previewExpiry(now, "1h").getTime() - now.getTime()).toBe(3_600_000);
    expect(previewExpiry(now, "1d").getTime() - now.getTime()).toBe(86_400_000);
    expect(previewExpiry(now, "7d").getTime() - now.getTime()).toBe(7 * 86_400_000);
  });
});
