import { createHash } from "node:crypto";

/** What one audit row says, as it is hashed. Every field is part of the hash. */
export interface AuditContent {
  id: string;
  sequence: bigint | number | string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  committeeId: string | null;
  detail: unknown;
  createdAt: Date | string;
}

/**
 * JSON with object keys sorted at every depth. PostgreSQL's jsonb reorders keys (shortest first)
 * and Prisma hands back whatever order it reads, so the hash must not depend on key order.
 * `undefined` members are dropped as JSON.stringify does, so a value hashes the same before it
 * is stored and after it is read back.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint") return JSON.stringify(value.toString());
    if (typeof value === "number" && !Number.isFinite(value)) return "null";
    return JSON.stringify(value) ?? "null";
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== "function")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** sha256 (hex) of the row's canonical content followed by the previous row's hash. */
export function auditHash(row: AuditContent, prevHash: string): string {
  const content = canonicalJson({
    id: row.id,
    sequence: String(row.sequence),
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    committeeId: row.committeeId,
    detail: row.detail ?? {},
    createdAt: new Date(row.createdAt).toISOString(),
  });
  return createHash("sha256").update(content).update("\n").update(prevHash).digest("hex");
}
