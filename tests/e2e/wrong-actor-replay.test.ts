// Acting as the wrong person, at the HTTP level. In Chromium the rightful people of 株洲 take
// every server action of lib/actions/reports.ts and the autosave PUT once, through the UI,
// while the raw requests are recorded (the POST with its `next-action` header, the PUT). Each
// recorded request is then replayed with `fetch` — its URL, action id and router headers kept,
// only the ids in its arguments pointed at a fresh report in the state the action needs — with
// the cookies of every wrong actor: people of 福州, an editor where a reviewer is needed, the
// author approving their own report, a site admin who is not a member, no cookie, a
// deactivated user's cookie and a revoked one; then with forged ids (福州's reports, comments
// and revisions under a 株洲 person) and wrong-typed arguments. Every attempt must be refused
// in Chinese (never a 500) and leave the database row as it was. The same replay by the
// rightful person then succeeds, so a refusal is the server's doing, not a broken replay.
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signIn, sql } from "../support/browser";
import { waitSavedAfterEdit } from "../support/editor";

type ActionName =
  | "createReport"
  | "addComment"
  | "resolveComment"
  | "submit"
  | "withdraw"
  | "requestChanges"
  | "schedule"
  | "unschedule"
  | "approve"
  | "unpublish"
  | "startNewEdition"
  | "restoreRevision"
  | "markNotificationsRead";

interface Recorded {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const M = {
  signedOut: "您的登录已失效，请重新登录",
  notFound: "稿件不存在，或您无权查看",
  notMember: "您不是该工委的成员",
  reviewerRequired: "只有本工委的审核人可以执行此操作",
  twoPerson: "不能审核通过自己撰写或最后修改的稿件",
  notLive: "该稿件当前没有公开版本",
  notSubmitter: "只有提交人可以撤回该稿件",
};

const CHINESE = /[\u4e00-\u9fff]/;

/** Polls `check` until it returns a truthy value (generous deadline, short steps). */
async function until<T>(what: string, check: () => Promise<T>, deadlineMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Row {
  status: string;
  version: number;
  content: string;
  liveRevisionId: string | null;
  title: string;
  comments: string;
  revisions: number;
  events: number;
}

async function row(id: string): Promise<Row> {
  const [r] = await sql<Row>(
    `SELECT r.status::text, r.version, r.content::text AS content, r."liveRevisionId", r.title,
            (SELECT coalesce(string_agg(c.id || ':' || coalesce(c."resolvedAt"::text, '-') || ':' || c.body, ',' ORDER BY c.id), '') FROM "ReviewComment" c WHERE c."reportId" = r.id) AS comments,
            (SELECT count(*)::int FROM "Revision" v WHERE v."reportId" = r.id) AS revisions,
            (SELECT count(*)::int FROM "WorkflowEvent" e WHERE e."reportId" = r.id) AS events
       FROM "Report" r WHERE r.id = $1`,
    [id],
  );
  if (!r) throw new Error(`no report ${id}`);
  return r;
}

const committeeId = async (slug: string) => (await sql<{ id: string }>(`SELECT id FROM "Committee" WHERE slug = $1`, [slug]))[0]!.id;

describe.skipIf(!browserAvailable())("replaying recorded requests as the wrong person", () => {
  let browser: Browser;
  const recorded = new Map<ActionName | "save", Recorded>();
  const cookies: Record<string, string> = {};
  const tally = { attempts: 0, refused: 0, succeeded: 0, controls: 0, byKind: {} as Record<string, number> };
  let zhuzhouId = "";
  let fuzhouId = "";
  const suffix = Date.now().toString(36);
  const DEACTIVATED = `regr-deactivated-${suffix}`;
  const REVOKED = `regr-revoked-${suffix}`;

  // --- Replaying ------------------------------------------------------------------------------

  async function call(name: ActionName, cookie: string | null, arg: unknown) {
    const rec = recorded.get(name)!;
    const headers: Record<string, string> = { origin: baseUrl() };
    for (const key of ["next-action", "next-router-state-tree", "content-type", "accept"]) if (rec.headers[key]) headers[key] = rec.headers[key]!;
    if (cookie) headers.cookie = cookie;
    const body = arg === undefined ? rec.body : JSON.stringify([arg]);
    const res = await fetch(rec.url, { method: "POST", headers, body, redirect: "manual" });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** The recorded action's argument with `changes` applied. */
  function argOf(name: ActionName, changes: Record<string, unknown> = {}) {
    const [arg] = JSON.parse(recorded.get(name)!.body) as [Record<string, unknown>];
    return { ...arg, ...changes };
  }

  async function put(cookie: string | null, reportId: string, body: unknown) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (cookie) headers.cookie = cookie;
    const res = await fetch(`${baseUrl()}/api/reports/${encodeURIComponent(reportId)}/draft`, {
      method: "PUT",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
    });
    return { status: res.status, text: await res.text() };
  }

  function saveBody(expectedVersion: number, title: string, text: string) {
    const recordedBody = JSON.parse(recorded.get("save")!.body) as { fields: Record<string, string> };
    return {
      ...recordedBody,
      expectedVersion,
      fields: { ...recordedBody.fields, title },
      content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
    };
  }

  /** As the rightful person: must succeed. */
  async function ok(name: ActionName, user: string, arg: Record<string, unknown>) {
    const res = await call(name, cookies[user]!, arg);
    expect(res.status, `${name} as ${user}: ${res.text.slice(0, 300)}`).toBeLessThan(400);
    expect(res.text, `${name} as ${user}`).not.toContain('"serverError"');
    expect(res.text, `${name} as ${user}`).not.toContain('"validationErrors"');
    return res;
  }

  // --- Arranging reports through the same recorded requests, as their rightful people ---------

  type Shape = "draft" | "submitted" | "scheduled" | "published" | "unpublished";
  const people = {
    zhuzhou: { editor: "zhuzhou-editor", reviewer: "zhuzhou-reviewer" },
    fuzhou: { editor: "fuzhou-editor", reviewer: "fuzhou-reviewer" },
  };

  async function create(user: string, committee: string, title: string): Promise<string> {
    const res = await ok("createReport", user, argOf("createReport", { committeeId: committee, title }));
    const target = res.headers.get("x-action-redirect") ?? res.headers.get("location") ?? "";
    const id = /\/studio\/reports\/([^;/?]+)/.exec(target)?.[1];
    if (!id) throw new Error(`createReport answered no report: ${res.status} ${target} ${res.text.slice(0, 200)}`);
    return id;
  }

  /** A report of `city` in `shape`, written by `author` (its editor unless told). */
  async function report(city: "zhuzhou" | "fuzhou", shape: Shape, author = people[city].editor): Promise<string> {
    const { reviewer } = people[city];
    const title = `重放测试 ${city} ${shape} ${++made}`;
    const id = await create(author, city === "zhuzhou" ? zhuzhouId : fuzhouId, title);
    const saved = await put(cookies[author]!, id, saveBody(1, title, `重放测试正文 ${made}。`));
    expect(saved.status, saved.text).toBe(200);
    if (shape === "draft") return id;
    await ok("submit", author, argOf("submit", { reportId: id, expectedVersion: 2 }));
    if (shape === "submitted") return id;
    if (shape === "scheduled") {
      await ok("schedule", reviewer, argOf("schedule", { reportId: id, expectedVersion: 3, publishAt: new Date(Date.now() + 30 * 86400_000).toISOString() }));
      return id;
    }
    await ok("approve", reviewer, argOf("approve", { reportId: id, expectedVersion: 3 }));
    if (shape === "published") return id;
    await ok("unpublish", reviewer, argOf("unpublish", { reportId: id }));
    return id;
  }
  let made = 0;

  // --- Attempts ---------------------------------------------------------------------------------

  type Expect = { messages?: string[]; validation?: boolean };

  /** One wrong attempt at a server action: refused in Chinese, and `ids` unchanged. */
  async function refusedAction(kind: string, name: ActionName, who: string | null, arg: unknown, ids: string[], expected: Expect, extra?: () => Promise<unknown>) {
    const before = await Promise.all(ids.map(row));
    const extraBefore = extra && (await extra());
    const res = await call(name, who === null ? null : cookies[who]!, arg);
    const label = `${kind}: ${name} as ${who ?? "signed out"}`;
    tally.attempts += 1;
    tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
    const after = await Promise.all(ids.map(row));
    const unchanged = JSON.stringify(after) === JSON.stringify(before) && (!extra || JSON.stringify(await extra()) === JSON.stringify(extraBefore));
    if (!unchanged) tally.succeeded += 1;
    expect(after, `${label} changed the report`).toEqual(before);
    if (extra) expect(await extra(), `${label} changed the database`).toEqual(extraBefore);
    expect(res.status, `${label}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    const redirectedToSignIn = /\/signin/.test(res.headers.get("x-action-redirect") ?? res.headers.get("location") ?? "");
    if (expected.validation) {
      expect(res.text, label).toContain('"validationErrors"');
    } else if (!(who === null && redirectedToSignIn)) {
      expect(res.text, `${label}: ${res.text.slice(0, 300)}`).toContain('"serverError"');
      const message = /"serverError":\{[^}]*"message":"([^"]*)"/.exec(res.text)?.[1] ?? "";
      expect(message, label).toMatch(CHINESE);
      if (expected.messages) expect(expected.messages, `${label} said ${message}`).toContain(message);
    }
    tally.refused += 1;
  }

  /** One wrong autosave: a 4xx JSON with a Chinese `error`, and the report unchanged. */
  async function refusedSave(kind: string, who: string | null, reportId: string, body: unknown, ids: string[], statuses: number[]) {
    const before = await Promise.all(ids.map(row));
    const res = await put(who === null ? null : cookies[who]!, reportId, body);
    tally.attempts += 1;
    tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
    const after = await Promise.all(ids.map(row));
    if (JSON.stringify(after) !== JSON.stringify(before)) tally.succeeded += 1;
    const label = `${kind}: save as ${who ?? "signed out"} (${res.status} ${res.text.slice(0, 200)})`;
    expect(after, label).toEqual(before);
    expect(statuses, label).toContain(res.status);
    expect((JSON.parse(res.text) as { error?: string }).error, label).toMatch(CHINESE);
    tally.refused += 1;
  }

  /** Every wrong person for an action on a 株洲 report (the rightful ones are left out by the caller). */
  function wrongPeople(options: { reviewerAction?: boolean; adminMayTakeDown?: boolean }) {
    const list: [string, string | null, string[]][] = [
      ["other committee", "fuzhou-editor", [M.notFound]],
      ["other committee", "fuzhou-reviewer", [M.notFound]],
      ["signed out", null, [M.signedOut]],
      ["deactivated", DEACTIVATED, [M.signedOut]],
      ["revoked", REVOKED, [M.signedOut]],
    ];
    if (!options.adminMayTakeDown) list.push(["admin not a member", "admin", [M.notMember]]);
    if (options.reviewerAction) list.push(["editor where a reviewer is needed", "zhuzhou-editor", [M.reviewerRequired]]);
    return list;
  }

  // --- The browser part: record every action as its rightful person ---------------------------

  beforeAll(async () => {
    browser = await launchBrowser();
    zhuzhouId = await committeeId("zhuzhou");
    fuzhouId = await committeeId("fuzhou");
    // Two extra 株洲 reviewers of this file: one to deactivate, one whose sessions get revoked.
    for (const username of [DEACTIVATED, REVOKED]) {
      await sql(
        `INSERT INTO "User" (id, username, "displayName", "passwordHash", "updatedAt")
         SELECT $1, $1, $1, "passwordHash", now() FROM "User" WHERE username = 'zhuzhou-reviewer'`,
        [username],
      );
      await sql(`INSERT INTO "Membership" (id, "userId", "committeeId", role) VALUES ($1, $1, $2, 'REVIEWER')`, [username, zhuzhouId]);
    }
    for (const username of ["zhuzhou-editor", "zhuzhou-reviewer", "fuzhou-editor", "fuzhou-reviewer", "admin", DEACTIVATED, REVOKED]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, username, DEMO_PASSWORD);
      await page.waitForURL(/\/studio$/);
      cookies[username] = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
      await context.close();
    }
    await sql(`UPDATE "User" SET "isActive" = false WHERE username = $1`, [DEACTIVATED]);
    await sql(`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE username = $1`, [REVOKED]);
  });

  afterAll(async () => {
    // Leave nothing of this file online, and its extra people inactive.
    const live = await sql<{ id: string }>(`SELECT id FROM "Report" WHERE title LIKE '重放测试%' AND "liveRevisionId" IS NOT NULL`);
    for (const { id } of live) {
      if (recorded.has("unpublish")) await call("unpublish", cookies.admin!, argOf("unpublish", { reportId: id, reason: "测试结束撤下" }));
    }
    await sql(`UPDATE "User" SET "isActive" = false WHERE username = ANY($1)`, [[DEACTIVATED, REVOKED]]);
    await browser?.close();
    console.log(
      `[wrong-actor-replay] attempts=${tally.attempts} refused=${tally.refused} succeeded=${tally.succeeded} ` +
        `(rightful controls that succeeded: ${tally.controls}) by kind: ${JSON.stringify(tally.byKind)}`,
    );
  });

  it("records every server action and the autosave, taken by their rightful people in Chromium", { timeout: 180_000 }, async () => {
    let step: ActionName | null = null;
    const record = (request: Request) => {
      const action = request.headers()["next-action"];
      if (request.method() === "POST" && action && step && !recorded.has(step)) {
        recorded.set(step, { url: request.url(), headers: request.headers(), body: request.postData() ?? "" });
      }
      if (request.method() === "PUT" && /\/api\/reports\/[^/]+\/draft$/.test(request.url()) && !recorded.has("save")) {
        recorded.set("save", { url: request.url(), headers: request.headers(), body: request.postData() ?? "" });
      }
    };
    const open = async (username: string): Promise<{ context: BrowserContext; page: Page }> => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      page.on("request", record);
      await signIn(page, username, DEMO_PASSWORD);
      await page.waitForURL(/\/studio$/);
      return { context, page };
    };
    async function take(name: ActionName, run: () => Promise<void>) {
      step = name;
      await run();
      await until(`the ${name} request`, async () => recorded.has(name));
      step = null;
    }
    const status = async (id: string, wanted: string) => until(`status ${wanted}`, async () => (await row(id)).status === wanted);

    const editor = await open("zhuzhou-editor");
    const reviewer = await open("zhuzhou-reviewer");
    const e = editor.page;
    const r = reviewer.page;

    await e.goto(`${baseUrl()}/studio/reports/new`);
    await take("createReport", async () => {
      await e.getByLabel("标题").fill("重放测试 录制用稿件");
      await e.getByRole("button", { name: "创建并开始编辑" }).click();
    });
    await e.waitForURL(/\/studio\/reports\/(?!new$)[^/]+$/);
    const id = e.url().split("/").pop()!;
    const reportUrl = e.url();

    await e.locator(".ProseMirror").first().click();
    await e.keyboard.insertText("株洲市直机关工委召开党建工作推进会。");
    await waitSavedAfterEdit(e);
    expect(recorded.has("save")).toBe(true);

    await take("addComment", async () => {
      await e.evaluate(() => {
        const p = [...document.querySelectorAll(".ProseMirror p")].find((el) => el.textContent?.includes("推进会"))!;
        const text = p.firstChild!;
        const start = text.textContent!.indexOf("推进会");
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, start + 3);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
      });
      await e.getByRole("button", { name: /评论/ }).first().click();
      await e.getByRole("dialog").locator("textarea").fill("会议名称请写全");
      await e.getByRole("button", { name: "发表评论" }).click();
    });
    await e.locator("[data-testid=comment-thread]", { hasText: "会议名称请写全" }).waitFor();

    await take("resolveComment", () => e.locator("[data-testid=comment-thread]").getByRole("button", { name: "标记为已解决" }).click());
    await e.locator("[data-testid=comment-thread]").getByRole("button", { name: "重新打开" }).waitFor();

    await take("submit", () => e.getByRole("button", { name: "提交审核" }).click());
    await status(id, "SUBMITTED");
    await e.reload();
    await take("withdraw", () => e.getByRole("button", { name: "撤回", exact: true }).click());
    await status(id, "DRAFT");
    await e.reload();
    await e.getByRole("button", { name: "提交审核" }).click();
    await status(id, "SUBMITTED");

    await r.goto(reportUrl);
    await take("requestChanges", async () => {
      await r.getByRole("button", { name: "退回修改" }).click();
      await r.getByRole("dialog").locator("textarea").fill("请补充参会人数");
      await r.getByRole("dialog").getByRole("button", { name: "退回修改" }).click();
    });
    await status(id, "DRAFT");
    await e.reload();
    await e.getByRole("button", { name: "提交审核" }).click();
    await status(id, "SUBMITTED");

    await r.reload();
    await take("schedule", async () => {
      await r.getByRole("button", { name: "定时发布" }).click();
      await r.getByRole("dialog").locator("input[type=datetime-local]").fill("2030-01-01T10:00:00");
      await r.getByRole("dialog").getByRole("button", { name: "定时发布" }).click();
    });
    await status(id, "SCHEDULED");
    await r.reload();
    await take("unschedule", () => r.getByRole("button", { name: "取消定时" }).click());
    await status(id, "SUBMITTED");
    await r.reload();
    await take("approve", () => r.getByRole("button", { name: "审核通过并发布" }).click());
    await status(id, "PUBLISHED");
    await r.reload();
    await take("unpublish", async () => {
      await r.getByRole("button", { name: "撤稿" }).click();
      await r.getByRole("dialog").locator("textarea").fill("数据需要核实");
      await r.getByRole("dialog").getByRole("button", { name: "撤稿" }).click();
    });
    await status(id, "UNPUBLISHED");

    await e.reload();
    await take("startNewEdition", () => e.getByRole("button", { name: "修改已发布稿件" }).click());
    await status(id, "DRAFT");

    await e.goto(`${reportUrl}/history`);
    e.once("dialog", (dialog) => void dialog.accept());
    await take("restoreRevision", () => e.getByRole("button", { name: "恢复", exact: true }).first().click());

    await take("markNotificationsRead", async () => {
      await e.goto(`${baseUrl()}/studio/notifications`);
    });

    await editor.context.close();
    await reviewer.context.close();
    const names = [...recorded.keys()].sort();
    console.log(`[wrong-actor-replay] recorded ${names.length} requests: ${names.join(", ")}`);
    expect(names).toHaveLength(14);
    for (const [name, rec] of recorded) {
      if (name !== "save") expect(rec.headers["next-action"], name).toMatch(/^[0-9a-f]{20,}$/);
    }
  });

  it("refuses every wrong person on every server action and leaves the report as it was", { timeout: 300_000 }, async () => {
    expect(recorded.size).toBe(14);

    // createReport: nobody creates in a committee they are not a member of.
    const reportCount = async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Report"`))[0]!.n;
    for (const [kind, who, messages] of wrongPeople({})) {
      await refusedAction(kind, "createReport", who, argOf("createReport", { committeeId: zhuzhouId, title: "不该出现的稿件" }), [], { messages: kind === "other committee" ? [M.notMember] : messages }, reportCount);
    }

    // Transitions and comments: [action, the state it needs, who may, reviewer-only, argument].
    type Case = { name: ActionName; shape: Shape; rightful: string; reviewerAction?: boolean; arg: (id: string, version: number) => Record<string, unknown> };
    const cases: Case[] = [
      { name: "submit", shape: "draft", rightful: "zhuzhou-editor", arg: (id, v) => argOf("submit", { reportId: id, expectedVersion: v }) },
      { name: "withdraw", shape: "submitted", rightful: "zhuzhou-editor", arg: (id) => argOf("withdraw", { reportId: id }) },
      { name: "requestChanges", shape: "submitted", rightful: "zhuzhou-reviewer", reviewerAction: true, arg: (id) => argOf("requestChanges", { reportId: id }) },
      { name: "approve", shape: "submitted", rightful: "zhuzhou-reviewer", reviewerAction: true, arg: (id, v) => argOf("approve", { reportId: id, expectedVersion: v }) },
      {
        name: "schedule",
        shape: "submitted",
        rightful: "zhuzhou-reviewer",
        reviewerAction: true,
        arg: (id, v) => argOf("schedule", { reportId: id, expectedVersion: v, publishAt: new Date(Date.now() + 30 * 86400_000).toISOString() }),
      },
      { name: "unschedule", shape: "scheduled", rightful: "zhuzhou-reviewer", reviewerAction: true, arg: (id) => argOf("unschedule", { reportId: id }) },
      { name: "unpublish", shape: "published", rightful: "zhuzhou-reviewer", reviewerAction: true, arg: (id) => argOf("unpublish", { reportId: id }) },
      { name: "startNewEdition", shape: "published", rightful: "zhuzhou-editor", arg: (id, v) => argOf("startNewEdition", { reportId: id, expectedVersion: v }) },
      { name: "addComment", shape: "submitted", rightful: "zhuzhou-editor", arg: (id) => argOf("addComment", { reportId: id }) },
    ];
    for (const c of cases) {
      const id = await report("zhuzhou", c.shape);
      const forged = await report("fuzhou", c.shape);
      const version = (await row(id)).version;
      for (const [kind, who, messages] of wrongPeople({ reviewerAction: c.reviewerAction, adminMayTakeDown: c.name === "unpublish" })) {
        await refusedAction(kind, c.name, who, c.arg(id, version), [id], { messages });
      }
      // Forged id: the rightful 株洲 person, a 福州 report in the same state.
      const forgedVersion = (await row(forged)).version;
      await refusedAction("forged id", c.name, c.rightful, c.arg(forged, forgedVersion), [forged, id], { messages: [M.notFound] });
      // Wrong types: an object where the id belongs, an array where the object belongs.
      await refusedAction("wrong type", c.name, c.rightful, { ...c.arg(id, version), reportId: { id } }, [id], { validation: true });
      await refusedAction("wrong type", c.name, c.rightful, [c.arg(id, version)], [id], { validation: true });
      // The rightful person, same replay: it works.
      const before = await row(id);
      await ok(c.name, c.rightful, c.arg(id, version));
      tally.controls += 1;
      expect(await row(id), `${c.name} as ${c.rightful} changed nothing`).not.toEqual(before);
    }

    // The author approving their own report: a 株洲 reviewer wrote and submitted it.
    for (const name of ["approve", "schedule"] as const) {
      const own = await report("zhuzhou", "submitted", "zhuzhou-reviewer");
      const version = (await row(own)).version;
      const arg = name === "approve" ? argOf("approve", { reportId: own, expectedVersion: version }) : argOf("schedule", { reportId: own, expectedVersion: version, publishAt: new Date(Date.now() + 86400_000).toISOString() });
      await refusedAction("author approving own report", name, "zhuzhou-reviewer", arg, [own], { messages: [M.twoPerson] });
    }

    // A site admin who is not a member may take down what is live, and nothing else.
    for (const shape of ["draft", "submitted", "scheduled", "unpublished"] as const) {
      const id = await report("zhuzhou", shape);
      await refusedAction("admin not a member", "unpublish", "admin", argOf("unpublish", { reportId: id }), [id], { messages: [M.notLive] });
    }
    const live = await report("zhuzhou", "published");
    await ok("unpublish", "admin", argOf("unpublish", { reportId: live, reason: "管理员撤下" }));
    tally.controls += 1;
    expect((await row(live)).status).toBe("UNPUBLISHED");

    // Withdraw by someone who did not submit: the reviewer of the committee.
    const submittedByEditor = await report("zhuzhou", "submitted");
    await refusedAction("not the submitter", "withdraw", "zhuzhou-reviewer", argOf("withdraw", { reportId: submittedByEditor }), [submittedByEditor], { messages: [M.notSubmitter] });

    // Restore: wrong people, and a 福州 revision under a 株洲 report id.
    {
      const id = await report("zhuzhou", "draft");
      const forged = await report("fuzhou", "draft");
      const [own] = await sql<{ id: string }>(`SELECT id FROM "Revision" WHERE "reportId" = $1 ORDER BY number LIMIT 1`, [id]);
      const [foreign] = await sql<{ id: string }>(`SELECT id FROM "Revision" WHERE "reportId" = $1 ORDER BY number LIMIT 1`, [forged]);
      const version = (await row(id)).version;
      const arg = (reportId: string, revisionId: string, v: number) => argOf("restoreRevision", { reportId, revisionId, expectedVersion: v });
      for (const [kind, who, messages] of wrongPeople({})) await refusedAction(kind, "restoreRevision", who, arg(id, own!.id, version), [id], { messages });
      await refusedAction("forged id", "restoreRevision", "zhuzhou-editor", arg(id, foreign!.id, version), [id, forged], { messages: ["找不到该历史版本"] });
      await refusedAction("forged id", "restoreRevision", "zhuzhou-editor", arg(forged, foreign!.id, (await row(forged)).version), [id, forged], { messages: [M.notFound, "找不到该历史版本"] });
      await refusedAction("wrong type", "restoreRevision", "zhuzhou-editor", { ...arg(id, own!.id, version), revisionId: { id: own!.id } }, [id], { validation: true });
      await ok("restoreRevision", "zhuzhou-editor", arg(id, own!.id, version));
      tally.controls += 1;
    }

    // Comments: replies into and resolving of a 福州 thread under a 株洲 report id.
    {
      const id = await report("zhuzhou", "submitted");
      const forged = await report("fuzhou", "submitted");
      await ok("addComment", "zhuzhou-editor", argOf("addComment", { reportId: id }));
      await ok("addComment", "fuzhou-editor", argOf("addComment", { reportId: forged }));
      const [own] = await sql<{ id: string }>(`SELECT id FROM "ReviewComment" WHERE "reportId" = $1`, [id]);
      const [foreign] = await sql<{ id: string }>(`SELECT id FROM "ReviewComment" WHERE "reportId" = $1`, [forged]);
      const resolve = (reportId: string, commentId: string) => argOf("resolveComment", { reportId, commentId, resolved: true });
      for (const [kind, who, messages] of wrongPeople({})) await refusedAction(kind, "resolveComment", who, resolve(id, own!.id), [id], { messages });
      await refusedAction("forged id", "resolveComment", "zhuzhou-editor", resolve(id, foreign!.id), [id, forged], { messages: ["找不到该评论"] });
      await refusedAction("forged id", "resolveComment", "zhuzhou-editor", resolve(forged, foreign!.id), [id, forged], { messages: [M.notFound] });
      await refusedAction("wrong type", "resolveComment", "zhuzhou-editor", { ...resolve(id, own!.id), resolved: "true" }, [id], { validation: true });
      const reply = (reportId: string, parentId: string) => ({ reportId, comment: { body: "伪造的回复", parentId } });
      await refusedAction("forged id", "addComment", "zhuzhou-editor", reply(id, foreign!.id), [id, forged], { messages: ["找不到要回复的评论"] });
      await refusedAction("wrong type", "addComment", "zhuzhou-editor", { reportId: id, comment: "一段字符串" }, [id], { validation: true });
      await ok("resolveComment", "zhuzhou-editor", resolve(id, own!.id));
      tally.controls += 1;
    }

    // Notifications: only the signed-in person's own; without a valid session nothing changes.
    const unread = async () => sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Notification" WHERE "readAt" IS NULL`);
    for (const [kind, who, messages] of wrongPeople({}).filter(([kind]) => ["signed out", "deactivated", "revoked"].includes(kind))) {
      await refusedAction(kind, "markNotificationsRead", who, undefined, [], { messages }, unread);
    }

    // Forged committee on create.
    await refusedAction("forged id", "createReport", "zhuzhou-editor", argOf("createReport", { committeeId: fuzhouId, title: "伪造工委" }), [], { messages: [M.notMember] }, reportCount);
    await refusedAction("wrong type", "createReport", "zhuzhou-editor", argOf("createReport", { committeeId: { id: zhuzhouId } }), [], { validation: true }, reportCount);
    expect(tally.succeeded).toBe(0);
  });

  it("refuses every wrong person on the autosave PUT and leaves the draft as it was", async () => {
    const id = await report("zhuzhou", "draft");
    const forged = await report("fuzhou", "draft");
    const version = (await row(id)).version;
    const body = saveBody(version, "不该保存的标题", "不该保存的正文。");
    const statuses: Record<string, number[]> = {
      "other committee": [404],
      "signed out": [401],
      deactivated: [401],
      revoked: [401],
      "admin not a member": [403],
    };
    for (const [kind, who] of wrongPeople({})) await refusedSave(kind, who, id, body, [id], statuses[kind]!);
    await refusedSave("forged id", "zhuzhou-editor", forged, saveBody((await row(forged)).version, "伪造", "伪造。"), [id, forged], [404]);
    await refusedSave("wrong type", "zhuzhou-editor", id, { ...body, expectedVersion: { v: version } }, [id], [422]);
    await refusedSave("wrong type", "zhuzhou-editor", id, { ...body, content: "<p>HTML 而不是 JSON</p><script>alert(1)</script>" }, [id], [422]);
    await refusedSave("wrong type", "zhuzhou-editor", id, { ...body, fields: ["标题"] }, [id], [422]);
    await refusedSave("wrong type", "zhuzhou-editor", id, "不是 JSON", [id], [400]);
    await refusedSave("wrong type", "zhuzhou-editor", "x".repeat(300), body, [id], [404]);
    // A save where the state forbids it: a submitted report.
    const submitted = await report("zhuzhou", "submitted");
    await refusedSave("wrong state", "zhuzhou-editor", submitted, saveBody((await row(submitted)).version, "提交后", "提交后。"), [submitted], [409]);
    const saved = await put(cookies["zhuzhou-editor"]!, id, body);
    expect(saved.status).toBe(200);
    tally.controls += 1;
    expect(tally.succeeded).toBe(0);
  });
});
