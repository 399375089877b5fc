/**
 * URL allow-lists for report content. Shared by the editor extensions (what
 * may be pasted or typed), the validator (what may be stored) and the
 * renderer (what may reach a published page).
 *
 * The checks are allow-lists on the raw string, not block-lists: a value is
 * accepted only when it literally starts with an allowed scheme or with a
 * single `/`. Anything else, including `javascript:` disguised with case,
 * whitespace, control characters or HTML entities (`&#106;avascript:`),
 * simply does not match and is refused.
 */

/** Any ASCII control character, whitespace of any kind, or a backslash. */
const FORBIDDEN_URL_CHARS = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\\]/u;

/** Upper bound on a stored URL; longer values are almost certainly not links. */
export const MAX_URL_LENGTH = 2048;

function hasForbiddenChars(url: string): boolean {
  return FORBIDDEN_URL_CHARS.test(url);
}

/** `/path` on this site. `//host` (protocol-relative) is not a site path. */
function isSitePath(url: string): boolean {
  return url.startsWith("/") && !url.startsWith("//");
}

function isHttpUrl(url: string): boolean {
  if (!/^https?:\/\/[^/?#]/i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
  } catch {
    return false;
  }
}

function isMailtoUrl(url: string): boolean {
  return /^mailto:[^@\s]+@[^@\s]+$/i.test(url);
}

/** A link target that may be stored and published: http(s), mailto or a site path. */
export function isSafeLinkHref(url: unknown): url is string {
  if (typeof url !== "string" || url.length === 0 || url.length > MAX_URL_LENGTH) return false;
  if (hasForbiddenChars(url)) return false;
  return isHttpUrl(url) || isMailtoUrl(url) || isSitePath(url);
}

/** An image source that may be stored and published: http(s) or a site path. */
export function isSafeImageSrc(url: unknown): url is string {
  if (typeof url !== "string" || url.length === 0 || url.length > MAX_URL_LENGTH) return false;
  if (hasForbiddenChars(url)) return false;
  return isHttpUrl(url) || isSitePath(url);
}
