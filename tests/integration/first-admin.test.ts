// The first site admin of a new installation and a forgotten admin password, from the command
// line (lib/admin/first-admin.ts, scripts/create-admin.ts), against a real database.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import { createFirstAdmin, FirstAdminRefusal, resetAdminPassword } from "@/lib/admin/first-admin";
import { freshDatabase } from "../support/test-database";

const opened: Db[] = [];
async function emptyDatabase() {
  const fresh = await freshDatabase();
  opened.push(fresh.db);
  return fresh;
}
afterAll(async () => {
  await Promise.all(opened.map((db) => db.$disconnect()));
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FirstAdminRefusal);
  const message = (error as Error).message;
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  return message;
}

describe("createFirstAdmin", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await emptyDatabase());
  });

  it("creates a site admin with a one-time password that must be changed, recorded as done from the command line", async () => {
    expect(await db.user.count({ where: { isAdmin: true } })).toBe(0);
    const { user, oneTimePassword } = await createFirstAdmin(db, { username: "  Zhang.Wei ", displayName: "张伟" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ username: "zhang.wei", displayName: "张伟", isAdmin: true, isActive: true, mustChangePassword: true });
    expect(stored.passwordHash).not.toContain(oneTimePassword);
    expect(await verifyPassword(stored.passwordHash, oneTimePassword)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: user.id } });
    expect(audit).toMatchObject({ actorId: null, action: "user.create", targetType: "User" });
    expect(audit.detail).toMatchObject({ username: "zhang.wei", isAdmin: true, via: "command line" });
  });

  it("refuses a second admin once there is one, naming the admins, and changes nothing", async () => {
    const users = await db.user.count();
    const events = await db.auditEvent.count();
    expect(await refusal(createFirstAdmin(db, { username: "li.na" }))).toContain("zhang.wei");
    expect(await db.user.count()).toBe(users);
    expect(await db.auditEvent.count()).toBe(events);
  });

  it("refuses a username the studio would refuse", async () => {
    const { db: empty } = await emptyDatabase();
    expect(await refusal(createFirstAdmin(empty, { username: "张伟" }))).toContain("用户名");
    expect(await refusal(createFirstAdmin(empty, { username: "a" }))).toContain("用户名");
    expect(await empty.user.count()).toBe(0);
  });

  it("creates exactly one admin when two runs race on an empty site", async () => {
    const { db: empty } = await emptyDatabase();
    const results = await Promise.allSettled([createFirstAdmin(empty, { username: "first" }), createFirstAdmin(empty, { username: "second" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(FirstAdminRefusal);
    expect(await empty.user.count({ where: { isAdmin: true } })).toBe(1);
  });
});

describe("resetAdminPassword", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await emptyDatabase());
  });

  it("gives a site admin a new one-time password and ends every session of theirs", async () => {
    const { user, oneTimePassword: first } = await createFirstAdmin(db, { username: "admin" });
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: false } });
    await createSession(db, { userId: user.id });
    await createSession(db, { userId: user.id });
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });

    const { oneTimePassword } = await resetAdminPassword(db, { username: "ADMIN" });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(oneTimePassword).not.toBe(first);
    expect(await verifyPassword(after.passwordHash, oneTimePassword)).toBe(true);
    expect(await verifyPassword(after.passwordHash, first)).toBe(false);
    expect(after.mustChangePassword).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: user.id, action: "user.resetPassword" } });
    expect(audit).toMatchObject({ actorId: null });
    expect(audit.detail).toMatchObject({ via: "command line" });
  });

  it("refuses someone who is not a site admin, a deactivated admin and an unknown name, changing nothing", async () => {
    const editor = await db.user.create({ data: { username: "editor", displayName: "编辑", passwordHash: "x" } });
    const gone = await db.user.create({ data: { username: "gone", displayName: "离职", passwordHash: "y", isAdmin: true, isActive: false } });
    expect(await refusal(resetAdminPassword(db, { username: "editor" }))).toContain("不是系统管理员");
    expect(await refusal(resetAdminPassword(db, { username: "gone" }))).toContain("已停用");
    expect(await refusal(resetAdminPassword(db, { username: "nobody" }))).toContain("nobody");
    expect((await db.user.findUniqueOrThrow({ where: { id: editor.id } })).passwordHash).toBe("x");
    expect((await db.user.findUniqueOrThrow({ where: { id: gone.id } })).passwordHash).toBe("y");
  });
});

describe("scripts/create-admin.ts", () => {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const run = (url: string, ...args: string[]) =>
    spawnSync(process.execPath, [tsx, "scripts/create-admin.ts", ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });

  it("prints the one-time password once on success (exit 0) and the reason on a refusal (exit 1)", async () => {
    const { url, db } = await emptyDatabase();
    const created = run(url, "wang.fang", "王芳");
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain("已新建系统管理员「wang.fang」（王芳）");
    const password = /一次性密码（只显示这一次）：(\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeDefined();
    const stored = await db.user.findUniqueOrThrow({ where: { username: "wang.fang" } });
    expect(await verifyPassword(stored.passwordHash, password!)).toBe(true);

    const again = run(url, "li.na");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("已有系统管理员：wang.fang");

    const reset = run(url, "--reset", "wang.fang");
    expect(reset.status, reset.stderr).toBe(0);
    expect(reset.stdout).toContain("已重置系统管理员「wang.fang」");

    const usage = run(url);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toContain("用法");
  });
});
