// Every administration command against a real database: the happy path, each refusal (in
// Chinese, with its HTTP status), and that a refused command leaves nothing half-done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { loadSessionUser, type SessionUser } from "@/lib/auth/actor";
import { verifyPassword, hashPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import { CommandError } from "@/lib/reports/errors";
import { freshDatabase } from "../support/test-database";

let db: Db;
let admin: SessionUser;
let cmd: Awaited<ReturnType<typeof loadAdminCommands>>;

async function loadAdminCommands() {
  return {
    ...(await import("@/lib/admin/commands/create-committee")),
    ...(await import("@/lib/admin/commands/archive-committee")),
    ...(await import("@/lib/admin/commands/update-committee")),
    ...(await import("@/lib/admin/commands/create-user")),
    ...(await import("@/lib/admin/commands/reset-password")),
    ...(await import("@/lib/admin/commands/deactivate-user")),
    ...(await import("@/lib/admin/commands/reactivate-user")),
    ...(await import("@/lib/admin/commands/set-site-admin")),
    ...(await import("@/lib/admin/commands/add-membership")),
    ...(await import("@/lib/admin/commands/change-role")),
    ...(await import("@/lib/admin/commands/remove-membership")),
    ...(await import("@/lib/admin/commands/change-own-password")),
    ...(await import("@/lib/admin/commands/revoke-session")),
  };
}

const actor = async (userId: string) => (await loadSessionUser(db, { userId, sessionVersion: (await db.user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion }))!;

/** Runs a command expected to refuse; returns the refusal. */
async function refusal(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandError);
  const commandError = error as CommandError;
  expect(commandError.status).toBeGreaterThanOrEqual(400);
  expect(commandError.status).toBeLessThan(500);
  expect(commandError.message).toMatch(/[\u4e00-\u9fff]/);
  return commandError;
}

const auditCount = () => db.auditEvent.count();

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  const row = await db.user.create({ data: { username: "root-admin", displayName: "管理员", passwordHash: "unused", isAdmin: true } });
  admin = (await loadSessionUser(db, { userId: row.id, sessionVersion: 0 }))!;
  cmd = await loadAdminCommands();
});
afterAll(() => db.$disconnect());

describe("committees", () => {
  it("creates a committee with its 栏目 list and an audit row, site admins only", async () => {
    const before = await auditCount();
    const committee = await cmd.createCommittee({
      actor: admin,
      input: { slug: "quanzhou", name: "泉州市直机关工委", city: "泉州", description: "", sortOrder: 5, columns: ["工作动态", "理论学习", "工作动态"] },
    });
    const columns = await db.column.findMany({ where: { committeeId: committee.id }, orderBy: { sortOrder: "asc" } });
    expect(columns.map((c) => c.name)).toEqual(["工作动态", "理论学习"]);
    expect(await auditCount()).toBe(before + 1);
  });

  it("refuses a duplicate slug, a non-Latin slug and a non-admin, creating nothing", async () => {
    const before = await db.committee.count();
    const dup = await refusal(cmd.createCommittee({ actor: admin, input: { slug: "quanzhou", name: "重复", city: "泉州", columns: ["甲"] } }));
    expect(dup.message).toBe("英文标识「quanzhou」已被其他工委使用");
    expect(dup.status).toBe(409);
    const latin = await refusal(cmd.createCommittee({ actor: admin, input: { slug: "泉州", name: "泉州", city: "泉州" } }));
    expect(latin.message).toContain("小写英文字母");
    expect(latin.status).toBe(422);
    const upper = await refusal(cmd.createCommittee({ actor: admin, input: { slug: "QuanZhou2", name: "泉州", city: "泉州" } }));
    expect((upper.fieldErrors as Record<string, string>).slug).toBeTruthy();
    const stranger = await db.user.create({ data: { username: "stranger", displayName: "路人", passwordHash: "unused" } });
    const denied = await refusal(cmd.createCommittee({ actor: await actor(stranger.id), input: { slug: "putian", name: "莆田", city: "莆田" } }));
    expect(denied.status).toBe(403);
    expect(await db.committee.count()).toBe(before);
    expect(await db.column.count({ where: { name: "甲" } })).toBe(0);
  });

  it("edits a committee's name, city, description and order, with the change in the audit log; never its slug", async () => {
    const c = await cmd.createCommittee({ actor: admin, input: { slug: "sanming", name: "三明市直机关工委", city: "三明" } });
    const before = await auditCount();
    const updated = await cmd.updateCommittee({
      actor: admin,
      input: { committeeId: c.id, name: "三明市直属机关工委", city: "三明", description: "简介", sortOrder: 3, slug: "other" } as never,
    });
    expect(updated).toMatchObject({ slug: "sanming", name: "三明市直属机关工委", description: "简介", sortOrder: 3 });
    expect(await auditCount()).toBe(before + 1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "committee.update", targetId: c.id } });
    expect(audit.detail).toMatchObject({ name: { from: "三明市直机关工委", to: "三明市直属机关工委" } });
    // Nothing changed: nothing written.
    await cmd.updateCommittee({ actor: admin, input: { committeeId: c.id, name: "三明市直属机关工委", city: "三明", description: "简介", sortOrder: 3 } });
    expect(await auditCount()).toBe(before + 1);
  });

  it("refuses an empty name, a stranger, an unknown or archived committee, changing nothing", async () => {
    const c = await db.committee.findUniqueOrThrow({ where: { slug: "sanming" } });
    const empty = await refusal(cmd.updateCommittee({ actor: admin, input: { committeeId: c.id, name: "  ", city: "三明" } }));
    expect(empty.message).toBe("请填写工委全称");
    const stranger = await db.user.findUniqueOrThrow({ where: { username: "stranger" } });
    expect((await refusal(cmd.updateCommittee({ actor: await actor(stranger.id), input: { committeeId: c.id, name: "改名", city: "三明" } }))).status).toBe(403);
    expect((await refusal(cmd.updateCommittee({ actor: admin, input: { committeeId: "no-such-id", name: "改名", city: "三明" } }))).status).toBe(404);
    await cmd.archiveCommittee({ actor: admin, committeeId: c.id });
    expect((await refusal(cmd.updateCommittee({ actor: admin, input: { committeeId: c.id, name: "改名", city: "三明" } }))).message).toBe("该工委已归档，不能再做此修改");
    expect((await db.committee.findUniqueOrThrow({ where: { id: c.id } })).name).toBe("三明市直属机关工委");
  });

  it("archives a committee once, keeping it, and then takes no members into it", async () => {
    const c = await cmd.createCommittee({ actor: admin, input: { slug: "old-city", name: "旧市直机关工委", city: "旧" } });
    const member = await db.user.create({ data: { username: "old-editor", displayName: "旧编辑", passwordHash: "unused", memberships: { create: { committeeId: c.id, role: "EDITOR" } } } });
    await cmd.archiveCommittee({ actor: admin, committeeId: c.id });
    const { createReport } = await import("@/lib/reports/commands/create-report");
    const noReport = await refusal(createReport({ actor: await actor(member.id), committeeId: c.id, fields: { title: "不应创建" } }));
    expect(noReport.message).toBe("该工委已归档，不能再做此修改");
    expect(await db.report.count({ where: { committeeId: c.id } })).toBe(0);
    expect((await db.committee.findUniqueOrThrow({ where: { id: c.id } })).archivedAt).not.toBeNull();
    expect((await refusal(cmd.archiveCommittee({ actor: admin, committeeId: c.id }))).message).toBe("该工委已归档");
    const err = await refusal(cmd.addMembership({ actor: admin, committeeId: c.id, username: "stranger", role: "EDITOR" }));
    expect(err.message).toContain("已归档");
  });
});

describe("users", () => {
  it("creates a user with a one-time password, stored hashed and to be changed", async () => {
    const { user, oneTimePassword } = await cmd.createUser({ actor: admin, input: { username: " QZ-Editor ", displayName: "泉州编辑" } });
    expect(user.username).toBe("qz-editor");
    expect(oneTimePassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mustChangePassword).toBe(true);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, oneTimePassword)).toBe(true);
  });

  it("refuses a taken username, an invalid one and a non-admin", async () => {
    const before = await db.user.count();
    expect((await refusal(cmd.createUser({ actor: admin, input: { username: "qz-editor", displayName: "另一个" } }))).message).toBe("用户名「qz-editor」已被使用");
    expect((await refusal(cmd.createUser({ actor: admin, input: { username: "张三", displayName: "张三" } }))).status).toBe(422);
    const editor = await actor((await db.user.findUniqueOrThrow({ where: { username: "qz-editor" } })).id);
    expect((await refusal(cmd.createUser({ actor: editor, input: { username: "sneaky", displayName: "x" } }))).status).toBe(403);
    expect(await db.user.count()).toBe(before);
  });

  it("resets a password: a new one-time password, every session ended", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: "qz-editor" } });
    const sessionId = await createSession(db, { userId: user.id });
    const { oneTimePassword } = await cmd.resetPassword({ actor: admin, userId: user.id });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash, oneTimePassword)).toBe(true);
    expect(row.mustChangePassword).toBe(true);
    expect(await loadSessionUser(db, { userId: user.id, sessionVersion: row.sessionVersion, sessionId })).toBeNull();
  });

  it("deactivates someone: their session ends at the next request; reactivates them", async () => {
    const user = await db.user.create({ data: { username: "leaver", displayName: "离职者", passwordHash: "unused" } });
    const sessionId = await createSession(db, { userId: user.id });
    expect(await loadSessionUser(db, { userId: user.id, sessionVersion: 0, sessionId })).not.toBeNull();
    await cmd.deactivateUser({ actor: admin, userId: user.id });
    expect(await loadSessionUser(db, { userId: user.id, sessionVersion: 0, sessionId })).toBeNull();
    expect((await refusal(cmd.deactivateUser({ actor: admin, userId: user.id }))).message).toBe("该用户已停用");
    await cmd.reactivateUser({ actor: admin, userId: user.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).isActive).toBe(true);
    expect((await refusal(cmd.reactivateUser({ actor: admin, userId: user.id }))).message).toBe("该用户未被停用");
  });

  it("refuses deactivating yourself and the last site admin, changing nothing", async () => {
    expect((await refusal(cmd.deactivateUser({ actor: admin, userId: admin.id }))).message).toBe("不能停用自己的账号");
    // An active admin acting always leaves one admin, so the last-admin rule is reached by a
    // caller acting for the system (a script) or by giving up one's own admin rights.
    const system: SessionUser = { id: "system", username: "system", displayName: "system", isAdmin: true, memberships: [], mustChangePassword: false, sessionId: "" };
    const err = await refusal(cmd.deactivateUser({ actor: system, userId: admin.id }));
    expect(err.message).toBe("不能停用最后一位系统管理员");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).isActive).toBe(true);

    const last = await refusal(cmd.setSiteAdmin({ actor: admin, userId: admin.id, isAdmin: false }));
    expect(last.message).toBe("不能取消最后一位系统管理员的权限");
    const second = await db.user.create({ data: { username: "admin-2", displayName: "第二管理员", passwordHash: "unused" } });
    await cmd.setSiteAdmin({ actor: admin, userId: second.id, isAdmin: true });
    await cmd.setSiteAdmin({ actor: await actor(second.id), userId: second.id, isAdmin: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: second.id } })).isAdmin).toBe(false);
  });
});

describe("memberships", () => {
  let quanzhouId: string;
  let manager: SessionUser;
  let otherManager: SessionUser;
  beforeAll(async () => {
    quanzhouId = (await db.committee.findUniqueOrThrow({ where: { slug: "quanzhou" } })).id;
    const putian = await cmd.createCommittee({ actor: admin, input: { slug: "putian", name: "莆田市直机关工委", city: "莆田" } });
    const m = await db.user.create({ data: { username: "qz-manager", displayName: "泉州管理员", passwordHash: "unused" } });
    const o = await db.user.create({ data: { username: "pt-manager", displayName: "莆田管理员", passwordHash: "unused" } });
    await cmd.addMembership({ actor: admin, committeeId: quanzhouId, username: "qz-manager", role: "MANAGER" });
    await cmd.addMembership({ actor: admin, committeeId: putian.id, username: "pt-manager", role: "MANAGER" });
    manager = await actor(m.id);
    otherManager = await actor(o.id);
  });

  it("lets a committee's manager add members and change roles there, several committees per person", async () => {
    await cmd.addMembership({ actor: manager, committeeId: quanzhouId, username: "qz-editor", role: "EDITOR" });
    await db.user.create({ data: { username: "qz-reviewer", displayName: "泉州审核人", passwordHash: "unused" } });
    await cmd.addMembership({ actor: manager, committeeId: quanzhouId, username: "qz-reviewer", role: "EDITOR" });
    const reviewer = await db.user.findUniqueOrThrow({ where: { username: "qz-reviewer" } });
    await cmd.changeRole({ actor: manager, committeeId: quanzhouId, userId: reviewer.id, role: "REVIEWER" });
    const putianId = (await db.committee.findUniqueOrThrow({ where: { slug: "putian" } })).id;
    await cmd.addMembership({ actor: otherManager, committeeId: putianId, username: "qz-reviewer", role: "EDITOR" });
    expect(await db.membership.count({ where: { userId: reviewer.id } })).toBe(2);
  });

  it("refuses a manager of another committee, an editor, a duplicate and an unknown person", async () => {
    const before = await db.membership.count();
    expect((await refusal(cmd.addMembership({ actor: otherManager, committeeId: quanzhouId, username: "stranger", role: "EDITOR" }))).status).toBe(403);
    const editor = await actor((await db.user.findUniqueOrThrow({ where: { username: "qz-editor" } })).id);
    expect((await refusal(cmd.addMembership({ actor: editor, committeeId: quanzhouId, username: "stranger", role: "EDITOR" }))).status).toBe(403);
    expect((await refusal(cmd.addMembership({ actor: manager, committeeId: quanzhouId, username: "qz-editor", role: "EDITOR" }))).message).toBe("泉州编辑 已是该工委成员");
    expect((await refusal(cmd.addMembership({ actor: manager, committeeId: quanzhouId, username: "nobody", role: "EDITOR" }))).message).toBe("找不到用户「nobody」");
    expect(await db.membership.count()).toBe(before);
  });

  it("refuses removing, demoting or deactivating the last reviewer while reports wait, naming them", async () => {
    const editor = await db.user.findUniqueOrThrow({ where: { username: "qz-editor" } });
    const reviewer = await db.user.findUniqueOrThrow({ where: { username: "qz-reviewer" } });
    await db.report.create({
      data: { committeeId: quanzhouId, authorId: editor.id, title: "泉州市直机关工作综述", status: "SUBMITTED", content: { type: "doc", content: [] } },
    });
    const audit = await auditCount();
    const removal = await refusal(cmd.removeMembership({ actor: manager, committeeId: quanzhouId, userId: reviewer.id }));
    expect(removal.message).toContain("泉州审核人 是泉州市直机关工委唯一的审核人");
    expect(removal.message).toContain("《泉州市直机关工作综述》");
    expect(removal.status).toBe(409);
    expect((await refusal(cmd.changeRole({ actor: manager, committeeId: quanzhouId, userId: reviewer.id, role: "EDITOR" }))).message).toContain("《泉州市直机关工作综述》");
    expect((await refusal(cmd.deactivateUser({ actor: admin, userId: reviewer.id }))).message).toContain("《泉州市直机关工作综述》");
    // Nothing half-done: membership, role, account and audit log as they were.
    expect((await db.membership.findUniqueOrThrow({ where: { userId_committeeId: { userId: reviewer.id, committeeId: quanzhouId } } })).role).toBe("REVIEWER");
    expect((await db.user.findUniqueOrThrow({ where: { id: reviewer.id } })).isActive).toBe(true);
    expect(await auditCount()).toBe(audit);

    // With a second reviewer the first may go.
    await cmd.changeRole({ actor: manager, committeeId: quanzhouId, userId: editor.id, role: "REVIEWER" });
    await cmd.removeMembership({ actor: manager, committeeId: quanzhouId, userId: reviewer.id });
    expect(await db.membership.findUnique({ where: { userId_committeeId: { userId: reviewer.id, committeeId: quanzhouId } } })).toBeNull();
  });

  it("refuses an unchanged role and a non-member", async () => {
    const editor = await db.user.findUniqueOrThrow({ where: { username: "qz-editor" } });
    expect((await refusal(cmd.changeRole({ actor: manager, committeeId: quanzhouId, userId: editor.id, role: "REVIEWER" }))).message).toBe("角色没有变化");
    const stranger = await db.user.findUniqueOrThrow({ where: { username: "stranger" } });
    expect((await refusal(cmd.removeMembership({ actor: manager, committeeId: quanzhouId, userId: stranger.id }))).status).toBe(404);
  });
});

describe("own password and sessions", () => {
  it("changes the password: checks the current one and the rules, keeps this session, ends the others", async () => {
    const user = await db.user.create({ data: { username: "pw-user", displayName: "改密码", passwordHash: await hashPassword("one-time-pass-1"), mustChangePassword: true } });
    const here = await createSession(db, { userId: user.id });
    const elsewhere = await createSession(db, { userId: user.id });
    const me = (await loadSessionUser(db, { userId: user.id, sessionVersion: 0, sessionId: here }))!;
    const base = { actor: me, currentPassword: "one-time-pass-1" };
    expect((await refusal(cmd.changeOwnPassword({ ...base, newPassword: "short", confirmPassword: "short" }))).message).toBe("密码至少需要 10 个字符");
    expect((await refusal(cmd.changeOwnPassword({ ...base, newPassword: "Password2026!", confirmPassword: "Password2026!" }))).message).toContain("太常见");
    expect((await refusal(cmd.changeOwnPassword({ ...base, newPassword: "pw-user-2026-x", confirmPassword: "pw-user-2026-x" }))).message).toBe("密码不能与用户名相同");
    expect((await refusal(cmd.changeOwnPassword({ ...base, newPassword: "刺桐花开满城红了", confirmPassword: "不一样的密码啊啊" }))).message).toBe("两次输入的新密码不一致");
    expect((await refusal(cmd.changeOwnPassword({ ...base, currentPassword: "wrong-one-1", newPassword: "刺桐花开满城红了吧啊", confirmPassword: "刺桐花开满城红了吧啊" }))).message).toBe("当前密码不正确");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(true);

    await cmd.changeOwnPassword({ ...base, newPassword: "刺桐花开满城红了吧啊", confirmPassword: "刺桐花开满城红了吧啊" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mustChangePassword).toBe(false);
    expect(await verifyPassword(row.passwordHash, "刺桐花开满城红了吧啊")).toBe(true);
    expect(await loadSessionUser(db, { userId: user.id, sessionVersion: row.sessionVersion, sessionId: here })).not.toBeNull();
    expect(await loadSessionUser(db, { userId: user.id, sessionVersion: row.sessionVersion, sessionId: elsewhere })).toBeNull();
  });

  it("revokes one own session, not someone else's; signs out everywhere", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: "pw-user" } });
    const a = await createSession(db, { userId: user.id });
    const b = await createSession(db, { userId: user.id });
    const me = (await loadSessionUser(db, { userId: user.id, sessionVersion: user.sessionVersion, sessionId: a }))!;
    const foreign = await createSession(db, { userId: admin.id });
    expect((await refusal(cmd.revokeOwnSession({ actor: me, sessionId: foreign }))).status).toBe(404);
    await cmd.revokeOwnSession({ actor: me, sessionId: b });
    expect(await loadSessionUser(db, { userId: user.id, sessionVersion: user.sessionVersion, sessionId: b })).toBeNull();
    expect(await loadSessionUser(db, { userId: user.id, sessionVersion: user.sessionVersion, sessionId: a })).not.toBeNull();
    await cmd.signOutEverywhere({ actor: me });
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await loadSessionUser(db, { userId: admin.id, sessionVersion: 0, sessionId: foreign })).not.toBeNull();
  });
});
