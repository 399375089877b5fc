import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { importPlainText } from "@/lib/content/import/plain-text";
import { renderContent } from "@/lib/content/render";
import { snapshotOf } from "@/lib/reports/commands/write-revision";
import { indexPublishedReport } from "@/lib/search/document";
import { rebuildStats } from "@/lib/stats/rollup";
import { DEMO_ACCOUNTS, DEMO_COMMITTEES, DEMO_PASSWORD, DEMO_REPORTS } from "./demo-data";

/** 栏目 every demo committee offers besides those of its sample reports. */
const DEMO_COMMON_COLUMNS = ["工作综述", "工作动态", "理论学习"];

const SAMPLES_DIR = path.join(process.cwd(), "prisma", "seed-data", "samples");

export interface SeedSummary {
  committees: number;
  users: number;
  reports: number;
}

/** True when the database holds no committee yet, i.e. a fresh install. */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  return (await db.committee.count()) === 0;
}

/**
 * Writes the demo committees, accounts and sample reports. Idempotent for committees and
 * accounts (upserts by slug/username); reports are added only to a committee with none.
 */
export async function seedDemoData(db: Db): Promise<SeedSummary> {
  const committeeIds = new Map<string, string>();
  for (const c of DEMO_COMMITTEES) {
    const row = await db.committee.upsert({
      where: { slug: c.slug },
      update: {},
      create: { slug: c.slug, name: c.name, city: c.city, sortOrder: c.sortOrder },
    });
    committeeIds.set(c.slug, row.id);
    // Each demo committee's 栏目 as a managed list: those its sample reports use, then the usual ones.
    const names = [...new Set([...DEMO_REPORTS.filter((r) => r.committee === c.slug).map((r) => r.column), ...DEMO_COMMON_COLUMNS])];
    for (const [sortOrder, name] of names.entries()) {
      await db.column.upsert({ where: { committeeId_name: { committeeId: row.id, name } }, update: {}, create: { committeeId: row.id, name, sortOrder } });
    }
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await db.user.upsert({
      where: { username: account.username },
      update: {},
      create: {
        username: account.username,
        displayName: account.displayName,
        passwordHash,
        isAdmin: account.isAdmin ?? false,
      },
    });
    userIds.set(account.username, user.id);
    for (const m of account.memberships) {
      const committeeId = committeeIds.get(m.committee)!;
      await db.membership.upsert({
        where: { userId_committeeId: { userId: user.id, committeeId } },
        update: {},
        create: { userId: user.id, committeeId, role: m.role },
      });
    }
  }

  let reports = 0;
  for (const sample of DEMO_REPORTS) {
    const committeeId = committeeIds.get(sample.committee)!;
    if ((await db.report.count({ where: { committeeId } })) > 0) continue;
    const editorId = userIds.get(`${sample.committee}-editor`)!;
    const reviewerId = userIds.get(`${sample.committee}-reviewer`)!;
    const imported = importPlainText(fs.readFileSync(path.join(SAMPLES_DIR, sample.file), "utf8"));
    const rendered = renderContent(imported.content);
    const issueDate = new Date(`${imported.issueDate ?? sample.date}T00:00:00Z`);
    const publishedAt = new Date(`${imported.issueDate ?? sample.date}T09:00:00+08:00`);
    const published = sample.status === "PUBLISHED";

    await db.$transaction(async (tx) => {
      const report = await tx.report.create({
        data: {
          committeeId,
          authorId: editorId,
          lastEditedById: editorId,
          submittedById: editorId,
          status: sample.status,
          version: published ? 3 : 2,
          kicker: imported.kicker ?? "",
          title: imported.title,
          subtitle: imported.subtitle ?? "",
          byline: imported.byline ?? "",
          source: imported.source ?? "",
          originalTitle: imported.originalTitle ?? "",
          responsibleEditor: imported.responsibleEditor ?? "",
          column: sample.column,
          issueDate,
          publishedAt: published ? publishedAt : null,
          content: imported.content as object,
          ...rendered,
          createdAt: publishedAt,
        },
      });
      const submitted = await tx.revision.create({
        data: {
          reportId: report.id,
          number: 1,
          reason: "SUBMIT",
          reportVersion: 2,
          createdById: editorId,
          ...snapshotOf(report),
          createdAt: publishedAt,
        },
      });
      await tx.workflowEvent.createMany({
        data: [
          { reportId: report.id, actorId: editorId, action: "CREATE", toStatus: "DRAFT", createdAt: publishedAt },
          {
            reportId: report.id,
            actorId: editorId,
            action: "SUBMIT",
            fromStatus: "DRAFT",
            toStatus: "SUBMITTED",
            revisionId: submitted.id,
            createdAt: publishedAt,
          },
        ],
      });
      if (!published) return;
      const live = await tx.revision.create({
        data: {
          reportId: report.id,
          number: 2,
          reason: "PUBLISH",
          reportVersion: 3,
          createdById: reviewerId,
          ...snapshotOf(report),
          publishedAt,
          createdAt: publishedAt,
        },
      });
      await tx.report.update({ where: { id: report.id }, data: { liveRevisionId: live.id } });
      await indexPublishedReport(tx, report.id);
      await tx.workflowEvent.create({
        data: {
          reportId: report.id,
          actorId: reviewerId,
          action: "APPROVE",
          fromStatus: "SUBMITTED",
          toStatus: "PUBLISHED",
          revisionId: live.id,
          createdAt: publishedAt,
        },
      });
    });
    reports += 1;
  }
  // The seed writes its history as events directly, past the commands that keep the statistics.
  if (reports > 0) await rebuildStats(db);
  return { committees: DEMO_COMMITTEES.length, users: DEMO_ACCOUNTS.length, reports };
}
