import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { messages } from "@/lib/i18n";
import { previewMessages } from "@/lib/i18n/preview.zh-CN";
import { absoluteUrl } from "@/lib/public/site-url";
import { CommandError } from "@/lib/reports/errors";
import { getReportForStudio } from "@/lib/reports/queries/studio";
import { previewExpiry, previewPath, signPreviewToken, verifyPreviewToken, type PreviewDuration, type PreviewTokenCheck } from "./token";

/** Read when asked (not at module load), like the session code, so the running server's secret is used. */
function secret(): string | null {
  return process.env.NEXTAUTH_SECRET?.trim() || null;
}

/**
 * A signed link to the working edition of a report the actor may view (any member of its
 * committee, or a site admin). Refused with the same words for a missing id and another
 * committee's report.
 */
export async function createPreviewLink(input: { actor: SessionUser; reportId: string; duration: PreviewDuration; now?: Date }) {
  const report = await getReportForStudio(input.actor, input.reportId);
  if (!report) throw new CommandError("NOT_FOUND", messages.permission.NOT_FOUND);
  const key = secret();
  if (!key) throw new CommandError("INVALID", previewMessages.noSecret);
  const expiresAt = previewExpiry(input.now ?? new Date(), input.duration);
  const token = signPreviewToken({ reportId: report.id, expiresAt, secret: key });
  return { url: absoluteUrl(previewPath(token)), path: previewPath(token), expiresAt: expiresAt.toISOString() };
}

/** A token from a URL, checked against this server's secret. Without a secret no link is valid. */
export function checkPreviewToken(token: string, now = new Date()): PreviewTokenCheck {
  const key = secret();
  if (!key) return { ok: false, reason: "invalid" };
  return verifyPreviewToken(token, key, now);
}
