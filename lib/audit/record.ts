// The one way to write the audit log. Callers pass their own transaction, so the record is
// committed or rolled back together with the change it describes.
//
// Hooks for work built elsewhere — call exactly this, inside the transaction of the change:
//   proofreading warning acknowledged:
//     await recordAudit(tx, { actorId, action: "proofreading.acknowledge", targetType: "Report",
//       targetId: reportId, committeeId, detail: { warning: code, text } })
//   media deleted:
//     await recordAudit(tx, { actorId, action: "media.delete", targetType: "Media",
//       targetId: mediaId, committeeId, detail: { storageKey, mimeType, bytes } })
//   admin screens: action "user.deactivate", "membership.grant", … with the target's type/id.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { auditHash } from "./canonical";

export type AuditTx = Prisma.TransactionClient;

export interface AuditEntry {
  /** Who did it; null for the system (scheduler) or an unknown person (failed sign-in) */
  actorId: string | null;
  /** Dotted verb, e.g. report.approve, auth.signin, auth.signin.failed, media.delete */
  action: string;
  targetType: string;
  targetId: string;
  committeeId?: string | null;
  /** Anything JSON; stored as jsonb and covered by the hash */
  detail?: Record<string, unknown>;
  /** When it happened; defaults to now */
  at?: Date;
}

export interface AuditRecord {
  id: string;
  sequence: bigint;
  hash: string;
}

/**
 * Appends one row to the hash chain. The chain head is locked (`SELECT … FOR UPDATE`) for the
 * rest of the caller's transaction, so two transactions never take the same sequence number or
 * build on the same previous hash; the second waits until the first commits or rolls back (a
 * rollback leaves the head untouched, so no gap appears). Call it last in the transaction:
 * every audited change waits on this lock while it is held.
 */
export async function recordAudit(tx: AuditTx, entry: AuditEntry): Promise<AuditRecord> {
  const head = await lockHead(tx);
  const sequence = head.sequence + 1n;
  const id = randomUUID();
  const createdAt = entry.at ?? new Date();
  // Stored as jsonb and read back as JSON: hash exactly that, not the caller's objects (Dates,
  // undefined members, class instances).
  const detail = JSON.parse(JSON.stringify(entry.detail ?? {})) as Prisma.InputJsonObject;
  const row = {
    id,
    sequence,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    committeeId: entry.committeeId ?? null,
    detail,
    createdAt,
  };
  const hash = auditHash(row, head.hash);
  await tx.auditEvent.create({ data: { ...row, prevHash: head.hash, hash } });
  await tx.auditChainHead.update({ where: { id: 1 }, data: { sequence, hash } });
  return { id, sequence, hash };
}

/** For an act that changes nothing else (a failed sign-in): its own short transaction. */
export async function recordAuditAlone(db: PrismaClient, entry: AuditEntry): Promise<AuditRecord> {
  return db.$transaction((tx) => recordAudit(tx, entry));
}

async function lockHead(tx: AuditTx): Promise<{ sequence: bigint; hash: string }> {
  const select = () =>
    tx.$queryRaw<{ sequence: bigint; hash: string }[]>`SELECT "sequence", "hash" FROM "AuditChainHead" WHERE "id" = 1 FOR UPDATE`;
  let rows = await select();
  if (rows.length === 0) {
    // The migration creates the head; a database restored without it gets one here.
    await tx.$executeRaw`INSERT INTO "AuditChainHead" ("id", "sequence", "hash") VALUES (1, 0, '') ON CONFLICT ("id") DO NOTHING`;
    rows = await select();
  }
  return { sequence: BigInt(rows[0]!.sequence), hash: rows[0]!.hash };
}
