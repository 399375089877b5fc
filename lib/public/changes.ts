// How a change to what the public sees travels to every app instance. The commands that
// publish, unpublish or correct a report call announcePublicChange inside their transaction;
// PostgreSQL delivers the notification to every listener when, and only if, the transaction
// commits. Each instance's front server listens (lib/front/public-changes.ts), empties its page
// cache and asks its own Next.js server to expire its cached reads.
import crypto from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";

export const PUBLIC_CHANGES_CHANNEL = "cms_public_changes";

export async function announcePublicChange(tx: Prisma.TransactionClient, reportId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${PUBLIC_CHANGES_CHANNEL}, ${reportId})`;
}

/** The token that lets a caller on this machine POST /api/internal/revalidate, derived from the session secret. */
export function internalRevalidateToken(secret = process.env.NEXTAUTH_SECRET ?? ""): string {
  return crypto.createHash("sha256").update(`revalidate:${secret}`).digest("hex");
}
