// Notices by e-mail through a real SMTP server started for the run (smtp-server), read back
// with mailparser. The workflow never waits for, or fails with, the mail server.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let people: People;
let xiamenId: string;
let cmd: Commands;
let email: typeof import("@/lib/notifications/email");

/** A real SMTP server; `refuse` makes it answer 451 to every recipient. */
const inbox: ParsedMail[] = [];
const waiters: (() => void)[] = [];
let refuse = false;
let refusals = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(_address, _session, callback) {
    if (refuse) {
      refusals++;
      return callback(Object.assign(new Error("邮箱暂时不可用 (test)"), { responseCode: 451 }));
    }
    callback();
  },
  onData(stream: SMTPServerDataStream, _session, callback) {
    simpleParser(stream).then((mail) => {
      inbox.push(mail);
      waiters.splice(0).forEach((w) => w());
      callback();
    }, callback);
  },
});

/** Resolves once `n` mails have arrived (event-driven, no sleeping). */
async function arrived(n: number) {
  while (inbox.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.NEXTAUTH_URL = "https://dangjian.example.org";
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId } = await createWorld(db));
  for (const person of Object.values(people)) {
    await db.user.update({ where: { id: person.id }, data: { email: `${person.username}@example.org` } });
  }
  cmd = await loadCommands();
  email = await import("@/lib/notifications/email");
});
afterAll(async () => {
  await email.emailWorkerIdle();
  await db.$disconnect();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  await email.emailWorkerIdle();
  inbox.length = 0;
  refuse = false;
  refusals = 0;
});

async function submitted(title: string) {
  const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title } });
  await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title }, content: docOf("正文。") } });
  await cmd.submitReport({ actor: people.xmEditor, reportId: id });
  return id;
}

describe("e-mail notifications", () => {
  it("sends the committee's reviewers a Chinese mail with the title and a link, after commit", async () => {
    const id = await submitted("关于开展主题党日活动的报告");
    await arrived(2);
    await email.emailWorkerIdle();
    expect(inbox.map((m) => m.to && !Array.isArray(m.to) && m.to.text).sort()).toEqual(["xm-reviewer2@example.org", "xm-reviewer@example.org"]);
    const mail = inbox[0]!;
    expect(mail.subject).toBe("【待审核】《关于开展主题党日活动的报告》");
    expect(mail.text).toContain("xm-editor提交了稿件《关于开展主题党日活动的报告》，请审核");
    expect(mail.text).toContain(`https://dangjian.example.org/studio/reports/${id}`);
    expect(await db.emailOutbox.count({ where: { reportId: id, status: "SENT" } })).toBe(2);
  });

  it("sends nothing to a person who turned e-mails off", async () => {
    await db.user.update({ where: { id: people.xmReviewer2.id }, data: { emailNotifications: false } });
    try {
      const id = await submitted("关闭邮件通知后的稿件");
      await arrived(1);
      await email.emailWorkerIdle();
      expect(inbox.map((m) => !Array.isArray(m.to) && m.to?.text)).toEqual(["xm-reviewer@example.org"]);
      expect(await db.emailOutbox.findMany({ where: { reportId: id }, select: { userId: true } })).toEqual([{ userId: people.xmReviewer.id }]);
    } finally {
      await db.user.update({ where: { id: people.xmReviewer2.id }, data: { emailNotifications: true } });
    }
  });

  it("keeps the transition when the mail server refuses, retries with back-off and gives up after the last try", async () => {
    refuse = true;
    const id = await submitted("邮件服务器拒收时的稿件");
    // The command returned: the transition is committed whatever the mail server does.
    expect((await db.report.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");
    await email.emailWorkerIdle();
    let rows = await db.emailOutbox.findMany({ where: { reportId: id } });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.status === "PENDING" && r.attempts === 1 && r.lastError.includes("451"))).toBe(true);
    const firstRetry = rows[0]!.nextAttemptAt.getTime() - Date.now();
    expect(firstRetry).toBeGreaterThan(20_000);

    // Not due yet: nothing is claimed.
    expect((await email.processEmailOutbox(db)).claimed).toBe(0);
    // Later attempts, each at the time it comes due.
    let now = Date.now();
    for (let attempt = 2; attempt <= email.MAX_EMAIL_ATTEMPTS; attempt++) {
      now += email.retryDelayMs(attempt - 1) + 1000;
      await email.processEmailOutbox(db, { now: new Date(now) });
    }
    rows = await db.emailOutbox.findMany({ where: { reportId: id } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["FAILED", email.MAX_EMAIL_ATTEMPTS],
      ["FAILED", email.MAX_EMAIL_ATTEMPTS],
    ]);
    expect(refusals).toBe(2 * email.MAX_EMAIL_ATTEMPTS);
    expect(inbox).toHaveLength(0);
    expect((await db.report.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");
  });

  it("delivers a retried mail once the server accepts again", async () => {
    refuse = true;
    const id = await submitted("重试后送达的稿件");
    await email.emailWorkerIdle();
    refuse = false;
    const run = await email.processEmailOutbox(db, { now: new Date(Date.now() + email.retryDelayMs(1) + 1000) });
    expect(run.sent).toBe(2);
    expect(inbox).toHaveLength(2);
    expect((await db.emailOutbox.findMany({ where: { reportId: id } })).map((r) => [r.status, r.attempts])).toEqual([
      ["SENT", 2],
      ["SENT", 2],
    ]);
  });

  it("does not mail someone who may no longer see the report", async () => {
    refuse = true;
    const id = await submitted("离开工委之后");
    await email.emailWorkerIdle();
    refuse = false;
    await db.membership.deleteMany({ where: { userId: people.xmReviewer2.id } });
    const run = await email.processEmailOutbox(db, { now: new Date(Date.now() + email.retryDelayMs(1) + 1000) });
    expect(run).toMatchObject({ sent: 1, skipped: 1 });
    expect(inbox.map((m) => !Array.isArray(m.to) && m.to?.text)).toEqual(["xm-reviewer@example.org"]);
    expect(await db.emailOutbox.count({ where: { reportId: id, userId: people.xmReviewer2.id, status: "SENT" } })).toBe(0);
  });
});
