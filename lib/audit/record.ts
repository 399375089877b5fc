// The one call administration makes to write an audit row. Its body is a placeholder: the
// hash-chained audit log replaces it, and callers stay as they are.
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
}

export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: { actorId: entry.actorId, action: entry.action, targetType: entry.targetType, targetId: entry.targetId, detail: (entry.detail ?? {}) as Prisma.InputJsonObject },
  });
}
