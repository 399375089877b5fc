// Notices by e-mail (when SMTP_URL is set). deliverNotifications writes outbox rows after the
// workflow's transaction has committed; a worker in every app instance sends them. Nothing here
// ever throws into a command: a mail server that is down delays mail, never the workflow.
import nodemailer, { type Transporter } from "nodemailer";
import type { NotificationKind, PrismaClient } from "@/lib/generated/prisma/client";
import { format, messages } from "@/lib/i18n";
import { emailMessages } from "@/lib/i18n/email.zh-CN";
import { canSeeCommittee } from "@/lib/reports/rules/visibility";
import type { Role } from "@/lib/reports/rules/workflow";

export const MAX_EMAIL_ATTEMPTS = 5;
/** A claimed row not finished within this (the instance died mid-send) is tried again. */
const LEASE_MS = 5 * 60_000;

/** Wait before attempt n+1 after n failures: 30 s, 2 min, 8 min, 32 min, capped at 1 h. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, failedAttempts - 1), 60 * 60_000);
}

export function emailEnabled(): boolean {
  return Boolean(process.env.SMTP_URL);
}

export interface EmailDraft {
  userId: string;
  kind: NotificationKind;
  reportId: string | null;
  actorId: string | null;
  message: string;
}

/**
 * Queues mail for the notices just written, for people who want it and have an address. Called
 * after commit; failures are logged, never thrown.
 */
export async function enqueueNotificationEmails(db: PrismaClient, drafts: EmailDraft[]): Promise<number> {
  if (!emailEnabled() || drafts.length === 0) return 0;
  try {
    const wanting = await db.user.findMany({
      where: { id: { in: [...new Set(drafts.map((d) => d.userId))] }, emailNotifications: true, isActive: true, email: { not: null } },
      select: { id: true },
    });
    const ids = new Set(wanting.map((u) => u.id));
    const rows = drafts.filter((d) => ids.has(d.userId));
    if (rows.length > 0) await db.emailOutbox.createMany({ data: rows });
    if (rows.length > 0) kickEmailWorker(db);
    return rows.length;
  } catch (error) {
    console.error("queueing notification e-mails failed", error);
    return 0;
  }
}

export interface RenderedEmail {
  to: string;
  subject: string;
  text: string;
}

/** The mail for one notice, or null when it must not go (opted out, no address, may no longer see the report). */
export function renderNotificationEmail(input: {
  kind: NotificationKind;
  message: string;
  recipient: { displayName: string; email: string | null; emailNotifications: boolean; isActive: boolean; isAdmin: boolean; memberships: { committeeId: string; role: Role }[]; id: string };
  report: { id: string; title: string; committeeId: string } | null;
  actorName: string | null;
  baseUrl: string;
}): RenderedEmail | null {
  const { recipient, report } = input;
  if (!recipient.email || !recipient.emailNotifications || !recipient.isActive) return null;
  if (!report || !canSeeCommittee(recipient, report.committeeId)) return null;
  const base = input.baseUrl.replace(/\/+$/, "");
  const url = `${base}/studio/reports/${report.id}`;
  const line = format(messages.notifications[input.kind], {
    actor: input.actorName ?? emailMessages.system,
    title: report.title,
    comment: input.message,
    time: input.message,
  });
  return {
    to: recipient.email,
    subject: format(emailMessages.subject[input.kind], { title: report.title }),
    text: [
      format(emailMessages.greeting, { name: recipient.displayName }),
      "",
      line,
      "",
      format(emailMessages.open, { url }),
      "",
      "——",
      format(emailMessages.footer, { settings: `${base}/studio/account/notifications` }),
      "",
    ].join("\n"),
  };
}

let cachedTransport: { url: string; transport: Transporter } | undefined;
function transportFor(url: string): Transporter {
  if (cachedTransport?.url !== url) cachedTransport = { url, transport: nodemailer.createTransport(url) };
  return cachedTransport.transport;
}

function fromAddress(baseUrl: string): string {
  if (process.env.MAIL_FROM) return process.env.MAIL_FROM;
  let host = "localhost";
  try {
    host = new URL(baseUrl).hostname || host;
  } catch {}
  return `"${messages.site.name}" <no-reply@${host}>`;
}

export interface OutboxRun {
  claimed: number;
  sent: number;
  retrying: number;
  gaveUp: number;
  skipped: number;
}

/**
 * Claims due rows (FOR UPDATE SKIP LOCKED, so instances share the work without sending twice),
 * leases them by moving their next attempt ahead, and sends each outside any transaction.
 */
export async function processEmailOutbox(
  db: PrismaClient,
  options: { now?: Date; batch?: number; smtpUrl?: string; baseUrl?: string } = {},
): Promise<OutboxRun> {
  const run: OutboxRun = { claimed: 0, sent: 0, retrying: 0, gaveUp: 0, skipped: 0 };
  const smtpUrl = options.smtpUrl ?? process.env.SMTP_URL;
  if (!smtpUrl) return run;
  const now = options.now ?? new Date();
  const baseUrl = options.baseUrl ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  const claimed = await db.$queryRaw<{ id: string; userId: string; kind: NotificationKind; reportId: string | null; actorId: string | null; message: string; attempts: number }[]>`
    UPDATE "EmailOutbox" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
    WHERE "id" IN (
      SELECT "id" FROM "EmailOutbox" WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt" LIMIT ${options.batch ?? 20} FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "userId", "kind", "reportId", "actorId", "message", "attempts"`;
  run.claimed = claimed.length;
  for (const row of claimed) {
    try {
      const [recipient, report, actor] = await Promise.all([
        db.user.findUnique({
          where: { id: row.userId },
          select: { id: true, displayName: true, email: true, emailNotifications: true, isActive: true, isAdmin: true, memberships: { select: { committeeId: true, role: true } } },
        }),
        row.reportId ? db.report.findUnique({ where: { id: row.reportId }, select: { id: true, title: true, committeeId: true } }) : null,
        row.actorId ? db.user.findUnique({ where: { id: row.actorId }, select: { displayName: true } }) : null,
      ]);
      const mail = recipient && renderNotificationEmail({ kind: row.kind, message: row.message, recipient, report, actorName: actor?.displayName ?? null, baseUrl });
      if (!mail) {
        // Opted out or lost access since it was queued: nothing to send, nothing to retry.
        await db.emailOutbox.update({ where: { id: row.id }, data: { status: "FAILED", lastError: "not sent: recipient no longer wants or may see it" } });
        run.skipped++;
        continue;
      }
      await transportFor(smtpUrl).sendMail({ from: fromAddress(baseUrl), ...mail });
      await db.emailOutbox.update({ where: { id: row.id }, data: { status: "SENT", sentAt: new Date(), lastError: "" } });
      run.sent++;
    } catch (error) {
      const gaveUp = row.attempts >= MAX_EMAIL_ATTEMPTS;
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await db.emailOutbox
        .update({
          where: { id: row.id },
          data: gaveUp ? { status: "FAILED", lastError } : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)), lastError },
        })
        .catch((e: unknown) => console.error("e-mail outbox update failed", e));
      if (gaveUp) run.gaveUp++;
      else run.retrying++;
    }
  }
  return run;
}

// One run at a time per process; a kick during a run asks for one more run after it.
let running: Promise<void> | null = null;
let again = false;

/** Sends what is due now, soon, without waiting; never throws. */
export function kickEmailWorker(db: PrismaClient): void {
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    do {
      again = false;
      try {
        // A full batch may have left more behind.
        if ((await processEmailOutbox(db, { batch: 20 })).claimed === 20) again = true;
      } catch (error) {
        console.error("e-mail worker run failed", error);
      }
    } while (again);
  })().finally(() => {
    running = null;
  });
}

/** Resolves when this process's current worker run (if any) has finished. For tests and shutdown. */
export async function emailWorkerIdle(): Promise<void> {
  while (running) await running;
}

/** The periodic worker of an app instance (instrumentation.ts): retries come due here. */
export function startEmailWorker(db: PrismaClient, intervalMs = Number(process.env.EMAIL_WORKER_INTERVAL_MS ?? 15_000)): () => void {
  if (!emailEnabled()) return () => {};
  const timer = setInterval(() => kickEmailWorker(db), intervalMs);
  timer.unref();
  kickEmailWorker(db);
  return () => clearInterval(timer);
}
