// The audit log against a real PostgreSQL: every transition and sign-in appends a chained row
// in its own transaction; concurrent appends never fork the chain; `npm run audit:verify`
// names a row changed, deleted or inserted behind the application's back.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { verifyAuditChain } from "@/lib/audit/verify";
import { recordAudit } from "@/lib/audit/record";
import { canViewAuditLog } from "@/lib/audit/access";
import { auditActions, listAuditEvents } from "@/lib/audit/query";
import { createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let url: string;
let people: People;
let xiamenId: string;
let cmd: Commands;

beforeAll(async () => {
  const fresh = await freshDatabase();
  ({ db, url } = fresh);
  process.env.DATABASE_URL = url;
  ({ people, xiamenId } = await createWorld(db));
  cmd = await loadCommands();
});
afterAll(() => db.$disconnect());

async function submittedReport(title = "审计测试稿件") {
  const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title } });
  await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title }, content: docOf("正文内容。") } });
  await cmd.submitReport({ actor: people.xmEditor, reportId: id });
  return id;
}

/** Runs `npm run audit:verify`'s script against this test's database. */
function runVerify(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const tsx = path.resolve("node_modules/.bin/tsx");
    const child = spawn(tsx, ["scripts/audit-verify.ts"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("appending", () => {
  it("records every transition in the chain, with committee and from/to", async () => {
    const id = await submittedReport();
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    const rows = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { sequence: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["report.submit", "report.approve"]);
    expect(rows[1]).toMatchObject({ actorId: people.xmReviewer.id, committeeId: xiamenId, detail: { from: "SUBMITTED", to: "PUBLISHED" } });
    expect(rows[1]!.sequence).toBe(rows[0]!.sequence! + 1n);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("records nothing when the transition is refused (rolled back with it)", async () => {
    const id = await submittedReport();
    const before = await db.auditEvent.count();
    await expect(cmd.approveReport({ actor: people.xmEditor, reportId: id })).rejects.toThrow();
    expect(await db.auditEvent.count()).toBe(before);
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head.sequence).toBe(BigInt(before));
  });

  it("rolls the row back with a transaction that fails after appending, leaving no gap", async () => {
    const before = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, { actorId: people.admin.id, action: "test.rollback", targetType: "", targetId: "", detail: {} });
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("records successful and failed sign-ins (a failure in its own transaction)", async () => {
    const passwordHash = await hashPassword("正确的密码-2026");
    const user = await db.user.create({ data: { username: "audit-signin", displayName: "登录者", passwordHash } });
    expect((await signInWithPassword(db, { username: "audit-signin", password: "wrong" })).ok).toBe(false);
    expect((await signInWithPassword(db, { username: "nobody-here", password: "wrong" })).ok).toBe(false);
    expect((await signInWithPassword(db, { username: "audit-signin", password: "正确的密码-2026" })).ok).toBe(true);
    const rows = await db.auditEvent.findMany({ where: { action: { startsWith: "auth." } }, orderBy: { sequence: "asc" } });
    expect(rows.map((r) => [r.action, r.actorId, r.targetId, (r.detail as { username: string }).username])).toEqual([
      ["auth.signin.failed", null, user.id, "audit-signin"],
      ["auth.signin.failed", null, "", "nobody-here"],
      ["auth.signin", user.id, user.id, "audit-signin"],
    ]);
    // The viewer's person filter finds the failures aimed at the account too.
    const { rows: found } = await listAuditEvents(db, { person: "audit-signin" });
    expect(found.map((r) => r.action)).toEqual(["auth.signin", "auth.signin.failed"]);
    // The action filter's choices: each action present, once, in order.
    expect(await auditActions(db)).toEqual(["auth.signin", "auth.signin.failed", "report.approve", "report.submit"]);
  });

  it("never forks the chain when 20 transitions commit at once", async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title: `并发 ${i}` } })));
    for (const { id } of ids) {
      await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title: "并发" }, content: docOf("并发正文。") } });
    }
    const before = await db.auditEvent.count();
    await Promise.all(ids.map(({ id }) => cmd.submitReport({ actor: people.xmEditor, reportId: id })));
    expect(await db.auditEvent.count()).toBe(before + 20);
    const seqs = (await db.auditEvent.findMany({ select: { sequence: true }, orderBy: { sequence: "asc" } })).map((r) => Number(r.sequence));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: seqs.length });
  });
});

describe("npm run audit:verify", () => {
  it("exits 0 with the count on an intact chain", async () => {
    const count = await db.auditEvent.count();
    const { code, out } = await runVerify();
    expect(out).toContain(`${count} 条记录`);
    expect(code).toBe(0);
  });

  it("names a row altered with SQL, and passes again once it is put back", async () => {
    const victim = await db.auditEvent.findFirstOrThrow({ where: { action: "report.approve" } });
    await db.$executeRaw`UPDATE "AuditEvent" SET "detail" = jsonb_set("detail", '{to}', '"DRAFT"') WHERE "id" = ${victim.id}`;
    const { code, out } = await runVerify();
    expect(code).toBe(1);
    expect(out).toContain(`第 ${victim.sequence} 条（id ${victim.id}）的内容已被篡改`);
    expect(out).toContain(`Audit row #${victim.sequence} (id ${victim.id}) was altered`);
    await db.$executeRaw`UPDATE "AuditEvent" SET "detail" = ${JSON.stringify(victim.detail)}::jsonb WHERE "id" = ${victim.id}`;
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("names the gap a deleted row leaves, and the newest rows' deletion by the chain head", async () => {
    const rows = await db.auditEvent.findMany({ orderBy: { sequence: "asc" } });
    const deleted = rows[3]!;
    const after = rows[4]!;
    await db.auditEvent.delete({ where: { id: deleted.id } });
    const { code, out } = await runVerify();
    expect(code).toBe(1);
    expect(out).toContain(`缺少第 ${deleted.sequence}–${deleted.sequence} 条`);
    expect(out).toContain(`(id ${after.id})`);
    const { sequence, prevHash, hash, ...rest } = deleted;
    await db.auditEvent.create({ data: { ...rest, sequence, prevHash, hash, detail: rest.detail as object } });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

    const last = rows.at(-1)!;
    await db.auditEvent.delete({ where: { id: last.id } });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, break: { kind: "head", headSequence: last.sequence } });
    await db.auditEvent.create({ data: { ...last, detail: last.detail as object } });
  });

  it("names a row inserted by hand with the next number but no valid hash", async () => {
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    const forged = await db.auditEvent.create({
      data: { sequence: head.sequence + 1n, action: "report.approve", actorId: people.xmEditor.id, prevHash: head.hash, hash: "f".repeat(64) },
    });
    const { code, out } = await runVerify();
    expect(code).toBe(1);
    expect(out).toContain(forged.id);
    await db.auditEvent.delete({ where: { id: forged.id } });

    const unchained = await db.auditEvent.create({ data: { action: "report.approve", actorId: people.xmEditor.id } });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, break: { kind: "unchained", id: unchained.id } });
    await db.auditEvent.delete({ where: { id: unchained.id } });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe("who may read the log", () => {
  it("is site admins only", () => {
    expect(canViewAuditLog(people.admin)).toBe(true);
    expect(canViewAuditLog(people.xmReviewer)).toBe(false);
    expect(canViewAuditLog(people.xmEditor)).toBe(false);
    expect(canViewAuditLog(null)).toBe(false);
  });
});
