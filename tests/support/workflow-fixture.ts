// A small world for workflow tests: two committees with an editor, a second editor and two
// reviewers each, plus an admin; and shortcuts to build report bodies.
import type { Db } from "../../lib/db/client";
import { loadSessionUser, type SessionUser } from "../../lib/auth/actor";
import type { TiptapDoc } from "../../lib/content/validate";

export type People = Record<
  "xmEditor" | "xmEditor2" | "xmReviewer" | "xmReviewer2" | "fzEditor" | "fzReviewer" | "admin",
  SessionUser
>;

export async function createWorld(db: Db): Promise<{ people: People; xiamenId: string; fuzhouId: string }> {
  const xiamen = await db.committee.create({ data: { slug: "xiamen", name: "厦门市直机关工委", city: "厦门" } });
  const fuzhou = await db.committee.create({ data: { slug: "fuzhou", name: "福州市直机关工委", city: "福州" } });
  const specs: [keyof People, string, string | null, "EDITOR" | "REVIEWER" | null][] = [
    ["xmEditor", "xm-editor", xiamen.id, "EDITOR"],
    ["xmEditor2", "xm-editor2", xiamen.id, "EDITOR"],
    ["xmReviewer", "xm-reviewer", xiamen.id, "REVIEWER"],
    ["xmReviewer2", "xm-reviewer2", xiamen.id, "REVIEWER"],
    ["fzEditor", "fz-editor", fuzhou.id, "EDITOR"],
    ["fzReviewer", "fz-reviewer", fuzhou.id, "REVIEWER"],
    ["admin", "site-admin", null, null],
  ];
  const people = {} as People;
  for (const [key, username, committeeId, role] of specs) {
    const user = await db.user.create({
      data: {
        username,
        displayName: username,
        passwordHash: "unused",
        isAdmin: key === "admin",
        memberships: committeeId && role ? { create: { committeeId, role } } : undefined,
      },
    });
    people[key] = (await loadSessionUser(db, { userId: user.id, sessionVersion: 0 }))!;
  }
  return { people, xiamenId: xiamen.id, fuzhouId: fuzhou.id };
}

export function docOf(...paragraphs: string[]): TiptapDoc {
  return {
    type: "doc",
    content: paragraphs.map((text) => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] })),
  };
}

export const fieldsOf = (title: string) => ({ title });

/**
 * Every workflow command, imported after the test has set DATABASE_URL (the commands use the
 * app's own client, which reads it on first use).
 */
export async function loadCommands() {
  return {
    ...(await import("../../lib/reports/commands/create-report")),
    ...(await import("../../lib/reports/commands/save-draft")),
    ...(await import("../../lib/reports/commands/submit-report")),
    ...(await import("../../lib/reports/commands/withdraw-report")),
    ...(await import("../../lib/reports/commands/request-changes")),
    ...(await import("../../lib/reports/commands/approve-report")),
    ...(await import("../../lib/reports/commands/unschedule-report")),
    ...(await import("../../lib/reports/commands/publish-due-reports")),
    ...(await import("../../lib/reports/commands/unpublish-report")),
    ...(await import("../../lib/reports/commands/start-new-edition")),
    ...(await import("../../lib/reports/commands/restore-revision")),
    ...(await import("../../lib/reports/commands/add-review-comment")),
    ...(await import("../../lib/reports/commands/set-comment-resolved")),
  };
}
export type Commands = Awaited<ReturnType<typeof loadCommands>>;

/** Adds 栏目 to every committee's managed list (saves refuse a 栏目 that is not on it). */
export async function addColumns(db: Db, names: readonly string[]): Promise<void> {
  const committees = await db.committee.findMany({ select: { id: true } });
  await db.column.createMany({
    data: committees.flatMap((c) => names.map((name, sortOrder) => ({ committeeId: c.id, name, sortOrder }))),
    skipDuplicates: true,
  });
}
