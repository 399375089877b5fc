// What a person may choose as a password. Pure: the change-password command and the forms ask it.
import { COMMON_PASSWORDS, COMMON_WORDS } from "./common-passwords";
import { format } from "@/lib/i18n";
import { adminMessages } from "@/lib/i18n/admin.zh-CN";

export const MIN_PASSWORD_LENGTH = 10;
/** Far above any real password; argon2 input stays small. */
export const MAX_PASSWORD_LENGTH = 200;

/** Returns the Chinese reason the password is refused, or null when it may be used. */
export function passwordProblem(password: string, username: string): string | null {
  const t = adminMessages.account;
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return format(t.tooShort, { min: MIN_PASSWORD_LENGTH });
  if (length > MAX_PASSWORD_LENGTH) return format(t.tooLong, { max: MAX_PASSWORD_LENGTH });
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return t.equalsUsername;
  if (isCommon(lower)) return t.common;
  return null;
}

function isCommon(lower: string): boolean {
  if (COMMON_PASSWORDS.has(lower)) return true;
  // One character repeated, or a run of consecutive digits/letters: "aaaaaaaaaa", "3456789012".
  if (new Set(lower).size <= 2) return true;
  // A common word dressed with digits and symbols around it: "Password2026!", "2026woaini".
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  if (core && COMMON_WORDS.has(core)) return true;
  const letters = lower.replace(/[^a-z]/g, "");
  if (letters.length === 0) return isSequence(lower);
  return false;
}

/** Digits only and ascending or descending by one (wrapping 9→0): keyboard-row numbers. */
function isSequence(value: string): boolean {
  if (!/^\d+$/.test(value)) return false;
  const digits = [...value].map(Number);
  const up = digits.every((d, i) => i === 0 || d === (digits[i - 1]! + 1) % 10);
  const down = digits.every((d, i) => i === 0 || d === (digits[i - 1]! + 9) % 10);
  return up || down;
}
