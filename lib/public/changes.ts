// How a change to what the public sees travels to every app instance: the one write path
// (lib/reports/commands/apply-transition.ts) announces it inside its transaction; PostgreSQL
// delivers the notification to every listener when, and only if, the transaction commits
// (./refresh-on-change.ts).
import type { Prisma } from "@/lib/generated/prisma/client";

export const PUBLIC_CHANGES_CHANNEL = "cms_public_changes";

export async function announcePublicChange(tx: Prisma.TransactionClient, reportId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${PUBLIC_CHANGES_CHANNEL}, ${reportId})`;
}
