// Account rules shared by the studio's administration commands and the command line
// (scripts/create-admin.ts), which runs outside Next and so cannot import server-only modules.
import crypto from "node:crypto";

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** Readable one-time password: 16 characters from an alphabet without look-alikes. */
export function generateOneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12), chars.slice(12, 16)].map((g) => g.join("")).join("-");
}

/** The transaction-scoped lock every change to who may act takes (lib/admin/commands/common.ts lockPeople). */
export const PEOPLE_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('cms:admin:people'))";
