// Signed preview links for people without an account (a leader reading before approval).
// Pure: no database, no clock of its own, no environment; callers pass the secret and "now".
//
// Design (issue 11):
// - Nothing is stored. A token is `<reportId>.<expiry>.<nonce>.<signature>`, the signature an
//   HMAC-SHA256 over the first three parts under a key derived from NEXTAUTH_SECRET for this
//   purpose only, so a preview token can never stand in for a session or any other signed value.
// - A link shows the report *as it is when opened* (the live working copy), not frozen at
//   creation: the person reading before approval should read the text that will be approved,
//   including the corrections made after the link was sent. So the signature does not cover the
//   report's version (that would kill the link at the next autosave); a random nonce makes every
//   link distinct instead.
// - Without a table there is no revoking one link: links expire (at most 7 days), die with the
//   report, and all of them can be ended at once by rotating NEXTAUTH_SECRET (which also ends
//   every session).
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { PREVIEW_DURATIONS, type PreviewDuration } from "./durations";

export { DEFAULT_PREVIEW_DURATION, PREVIEW_DURATIONS, type PreviewDuration } from "./durations";


/** Separates this key from every other use of NEXTAUTH_SECRET. Bump the version to end all links. */
const PURPOSE = "cms:preview-link:v1";
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{8,32}$/;
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type PreviewTokenCheck =
  | { ok: true; reportId: string; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "expired"; reportId: string; expiresAt: Date };

function deriveKey(secret: string): Buffer {
  if (!secret) throw new Error("preview links need NEXTAUTH_SECRET");
  return Buffer.from(hkdfSync("sha256", secret, "", PURPOSE, 32));
}

function sign(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

export function signPreviewToken(input: { reportId: string; expiresAt: Date; secret: string; nonce?: string }): string {
  if (!ID_PATTERN.test(input.reportId)) throw new Error("report id not fit for a preview token");
  const nonce = input.nonce ?? randomBytes(9).toString("base64url");
  if (!NONCE_PATTERN.test(nonce)) throw new Error("nonce not fit for a preview token");
  const expiry = Math.floor(input.expiresAt.getTime() / 1000);
  const payload = `${input.reportId}.${expiry}.${nonce}`;
  return `${payload}.${sign(deriveKey(input.secret), payload)}`;
}

/**
 * Whether a token is ours and still valid at `now`. The signature is checked before the expiry,
 * so "expired" is only said of links this site really issued; anything altered is "invalid".
 */
export function verifyPreviewToken(token: string, secret: string, now: Date): PreviewTokenCheck {
  const parts = token.split(".");
  if (parts.length !== 4) return { ok: false, reason: "invalid" };
  const [reportId, expiry, nonce, signature] = parts as [string, string, string, string];
  if (!ID_PATTERN.test(reportId) || !/^\d{1,12}$/.test(expiry) || !NONCE_PATTERN.test(nonce) || !SIGNATURE_PATTERN.test(signature)) {
    return { ok: false, reason: "invalid" };
  }
  const expected = Buffer.from(sign(deriveKey(secret), `${reportId}.${expiry}.${nonce}`));
  const given = Buffer.from(signature);
  // Equal lengths are guaranteed by SIGNATURE_PATTERN; timingSafeEqual throws otherwise.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  const expiresAt = new Date(Number(expiry) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: "expired", reportId, expiresAt };
  return { ok: true, reportId, expiresAt };
}

/** When a link created at `now` for `duration` stops working. */
export function previewExpiry(now: Date, duration: PreviewDuration): Date {
  return new Date(now.getTime() + PREVIEW_DURATIONS[duration] * 1000);
}

/** The path of a preview link (the public route app/(public)/preview/[token]). */
export function previewPath(token: string): string {
  return `/preview/${token}`;
}
