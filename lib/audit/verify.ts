// Walks the audit chain in sequence order and names the first row that does not fit. The walk
// itself (ChainWalker) is pure; verifyAuditChain feeds it from the database in pages.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditHash, type AuditContent } from "./canonical";

export interface ChainRow extends AuditContent {
  sequence: bigint;
  prevHash: string | null;
  hash: string | null;
}

export type ChainBreak =
  /** The row's content (or its stored hash) no longer matches its hash */
  | { kind: "altered"; id: string; sequence: bigint }
  /** Sequence numbers are missing before this row: rows were deleted */
  | { kind: "gap"; id: string; sequence: bigint; missingFrom: bigint; missingTo: bigint }
  /** The row does not build on the row before it: inserted, moved or its predecessor replaced */
  | { kind: "prevHash"; id: string; sequence: bigint }
  /** The chain ends before (or goes beyond) what the chain head recorded */
  | { kind: "head"; id: string | null; sequence: bigint; headSequence: bigint }
  /** A row outside the chain written after the chain began */
  | { kind: "unchained"; id: string; sequence: null };

export type VerifyResult = { ok: true; count: number; legacy: number } | { ok: false; count: number; break: ChainBreak };

/** Feed rows in ascending sequence order; the first break is kept and ends the walk. */
export class ChainWalker {
  private expected = 1n;
  private prevHash = "";
  private lastId: string | null = null;
  count = 0;
  broken: ChainBreak | null = null;

  push(row: ChainRow): boolean {
    if (this.broken) return false;
    if (row.sequence !== this.expected) {
      // Lower numbers cannot appear in ascending order with a unique column; higher ones mean a gap.
      this.broken = { kind: "gap", id: row.id, sequence: row.sequence, missingFrom: this.expected, missingTo: row.sequence - 1n };
      return false;
    }
    if (auditHash(row, row.prevHash ?? "") !== row.hash) {
      this.broken = { kind: "altered", id: row.id, sequence: row.sequence };
      return false;
    }
    if ((row.prevHash ?? "") !== this.prevHash) {
      this.broken = { kind: "prevHash", id: row.id, sequence: row.sequence };
      return false;
    }
    this.prevHash = row.hash;
    this.lastId = row.id;
    this.expected += 1n;
    this.count += 1;
    return true;
  }

  /** The walk is over: the last row must be the one the chain head remembers. */
  finish(head: { sequence: bigint; hash: string } | null): ChainBreak | null {
    if (this.broken) return this.broken;
    const last = this.expected - 1n;
    if (head && (head.sequence !== last || head.hash !== this.prevHash)) {
      this.broken = { kind: "head", id: this.lastId, sequence: last, headSequence: head.sequence };
    }
    return this.broken;
  }
}

/** The message printed by `npm run audit:verify`: Chinese, then English. */
export function describeBreak(b: ChainBreak): string {
  switch (b.kind) {
    case "altered":
      return `审计日志第 ${b.sequence} 条（id ${b.id}）的内容已被篡改。\nAudit row #${b.sequence} (id ${b.id}) was altered: its content does not match its hash.`;
    case "gap":
      return (
        `审计日志在第 ${b.sequence} 条（id ${b.id}）之前缺少第 ${b.missingFrom}–${b.missingTo} 条：记录被删除。\n` +
        `Audit rows #${b.missingFrom}–#${b.missingTo} are missing before row #${b.sequence} (id ${b.id}): rows were deleted.`
      );
    case "prevHash":
      return (
        `审计日志第 ${b.sequence} 条（id ${b.id}）与前一条不衔接：记录被插入、移动或替换。\n` +
        `Audit row #${b.sequence} (id ${b.id}) does not follow the row before it: a row was inserted, moved or replaced.`
      );
    case "head":
      return b.headSequence > b.sequence
        ? `审计日志在第 ${b.sequence} 条（id ${b.id ?? "-"}）之后缺少记录，链头记录到第 ${b.headSequence} 条：最新的记录被删除。\n` +
            `Audit rows after #${b.sequence} (id ${b.id ?? "-"}) are missing; the chain head records #${b.headSequence}: the newest rows were deleted.`
        : `审计日志第 ${b.sequence} 条（id ${b.id ?? "-"}）与链头（第 ${b.headSequence} 条）不一致：记录被追加到链外或链头被改动。\n` +
            `Audit row #${b.sequence} (id ${b.id ?? "-"}) does not match the chain head (#${b.headSequence}): rows were added outside the chain or the head was changed.`;
    case "unchained":
      return `审计日志中有一条不在链上的记录（id ${b.id}），写于链开始之后：记录被插入。\nAudit row id ${b.id} is outside the chain and was written after the chain began: a row was inserted.`;
  }
}

const PAGE = 2000;

/**
 * Reads the whole chain with a keyset cursor (sequence > last, PAGE rows at a time), so memory
 * stays flat at any size. Rows without a sequence are those written before the chain existed;
 * one dated after the first chained row was put there by hand.
 */
export async function verifyAuditChain(db: PrismaClient): Promise<VerifyResult> {
  const walker = new ChainWalker();
  let cursor = 0n;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { sequence: { gt: cursor } },
      orderBy: { sequence: "asc" },
      take: PAGE,
      select: { id: true, sequence: true, actorId: true, action: true, targetType: true, targetId: true, committeeId: true, detail: true, createdAt: true, prevHash: true, hash: true },
    });
    for (const row of rows) {
      if (!walker.push({ ...row, sequence: row.sequence! })) return { ok: false, count: walker.count, break: walker.broken! };
    }
    if (rows.length < PAGE) break;
    cursor = rows[rows.length - 1]!.sequence!;
  }
  const head = await db.auditChainHead.findUnique({ where: { id: 1 } });
  const atEnd = walker.finish(head);
  if (atEnd) return { ok: false, count: walker.count, break: atEnd };

  const first = await db.auditEvent.findFirst({ where: { sequence: { not: null } }, orderBy: { sequence: "asc" }, select: { createdAt: true } });
  if (first) {
    const intruder = await db.auditEvent.findFirst({ where: { sequence: null, createdAt: { gte: first.createdAt } }, select: { id: true } });
    if (intruder) return { ok: false, count: walker.count, break: { kind: "unchained", id: intruder.id, sequence: null } };
  }
  const legacy = await db.auditEvent.count({ where: { sequence: null } });
  return { ok: true, count: walker.count, legacy };
}
