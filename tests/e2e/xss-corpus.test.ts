// Every XSS payload of tests/fixtures/xss-payloads.ts through every input the product takes —
// each report field, body text, link text and href, figure src/alt/caption/credit, review
// comments, request-changes comments, unpublish reasons, the search query and route params —
// written through the real commands (the same validation and rendering as the autosave route),
// then every page that shows them rendered in Chromium with an execution hook: each payload
// would call __xssHit(n). Payloads are batched: a few reports hold all of them, so a few dozen
// page loads cover the corpus. Besides the hook, each page's DOM is scanned for an injected
// handler, script or javascript: URL (which may exist without having fired), and feeds are
// parsed as XML and their item HTML rendered as a feed reader would.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/actor";
import type { TiptapDoc } from "@/lib/content/validate";
import type { Db } from "@/lib/db/client";
import { REPORT_FIELDS, type ReportFieldName } from "@/lib/reports/rules/fields";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { XSS_PAYLOADS, XSS_URLS, type Payload } from "../fixtures/xss-payloads";
import { baseUrl, browserAvailable, e2eDatabaseUrl, launchBrowser, signIn } from "../support/browser";
import { loadCommands, type Commands } from "../support/workflow-fixture";
import { checkText } from "@/lib/proofread";
import { toReportFields } from "@/lib/reports/rules/fields";
import { findingKey, proofread } from "@/lib/reports/rules/proofreading";

/** Payloads that proofreading refuses to let through (placeholder marks): never publishable. */
const HELD = XSS_PAYLOADS.filter((p) => checkText(p.text).some((f) => f.severity === "error"));
const PUBLISHABLE = XSS_PAYLOADS.filter((p) => !HELD.includes(p));

const HOOK = `
  window.__xss = [];
  window.__xssHit = (n) => { window.__xss.push(n); };
`;

const FIELD_REPORTS = 28;
/** The fields a report form has; correctionNote travels with a new edition. */
const FIELDS = (Object.keys(REPORT_FIELDS) as ReportFieldName[]).filter((name) => name !== "issueDate");

interface Stats {
  stored: Record<string, number>;
  refused: Record<string, number>;
  pages: number;
  pagesShowingPayloads: number;
  executed: number;
  injected: string[];
}

const stats: Stats = { stored: {}, refused: {}, pages: 0, pagesShowingPayloads: 0, executed: 0, injected: [] };
const stored = (input: string, count = 1) => (stats.stored[input] = (stats.stored[input] ?? 0) + count);
const refused = (input: string, count = 1) => (stats.refused[input] = (stats.refused[input] ?? 0) + count);

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...content: object[]): TiptapDoc => ({ type: "doc", content });

/** Packs payload texts into `bins` strings of at most `max` characters each (joined by a space). */
function pack(payloads: Payload[], bins: number, max: number): { bins: string[]; placed: number } {
  const out = Array.from({ length: bins }, () => "");
  let placed = 0;
  for (const { text } of payloads) {
    const value = text.trim();
    const index = out.findIndex((bin) => (bin ? bin.length + 1 : 0) + value.length <= max);
    if (index === -1) continue;
    out[index] = out[index] ? `${out[index]} ${value}` : value;
    placed += 1;
  }
  return { bins: out, placed };
}

/** Splits payload texts into chunks of at most `max` characters; longer ones are returned apart. */
function chunks(payloads: Payload[], max: number): { chunks: string[]; tooLong: number } {
  const out: string[] = [];
  let tooLong = 0;
  for (const { text } of payloads) {
    if (text.length > max) {
      tooLong += 1;
      continue;
    }
    const last = out.at(-1);
    if (last !== undefined && last.length + 1 + text.length <= max) out[out.length - 1] = `${last}\n${text}`;
    else out.push(text);
  }
  return { chunks: out, tooLong };
}

describe.skipIf(!browserAvailable())("XSS payloads through every input, rendered in Chromium", () => {
  let db: Db;
  let cmd: Commands;
  let editor: SessionUser;
  let reviewer: SessionUser;
  let committeeId = "";
  let browser: Browser;
  const fieldReports: string[] = [];
  const columns: string[] = [];
  let bodyReport = "";
  let reasonReport = "";
  let heldReport = "";

  /** Submits and approves, acknowledging proofreading warnings (payloads trip many of them). */
  async function approve(id: string) {
    const row = await db.report.findUniqueOrThrow({ where: { id } });
    const findings = proofread({ fields: toReportFields(row), content: row.content as TiptapDoc });
    const keys = findings.filter((f) => f.severity === "warning").map(findingKey);
    await cmd.approveReport({ actor: reviewer, reportId: id, acknowledgement: { keys, reason: "XSS 语料测试" } });
  }
  async function publishEdition(id: string) {
    await cmd.submitReport({ actor: editor, reportId: id });
    await approve(id);
  }
  const versionOf = async (id: string) => (await db.report.findUniqueOrThrow({ where: { id } })).version;

  beforeAll(async () => {
    process.env.DATABASE_URL = e2eDatabaseUrl();
    const { createPrismaClient } = await import("@/lib/db/client");
    const { loadSessionUser } = await import("@/lib/auth/actor");
    db = createPrismaClient(e2eDatabaseUrl(), { max: 2 });
    cmd = await loadCommands();
    const session = async (username: string) => {
      const user = await db.user.findUniqueOrThrow({ where: { username } });
      return (await loadSessionUser(db, { userId: user.id, sessionVersion: user.sessionVersion }))!;
    };
    editor = await session("zhuzhou-editor");
    reviewer = await session("zhuzhou-reviewer");
    committeeId = (await db.committee.findUniqueOrThrow({ where: { slug: "zhuzhou" } })).id;

    // 1. Field reports: every field of FIELD_REPORTS reports holds as many payloads as fit.
    const packed = Object.fromEntries(FIELDS.map((name) => [name, pack(PUBLISHABLE, FIELD_REPORTS, REPORT_FIELDS[name].max)]));
    for (const name of FIELDS) {
      stored(`field ${name}`, packed[name]!.placed);
      refused(`field ${name} (longer than the field allows)`, PUBLISHABLE.length - packed[name]!.placed);
    }
    // 栏目 are a managed list: a committee manager could name one with a payload, so the
    // payload 栏目 are put on 株洲's list (as the admin pages would) before the reports use them.
    await db.column.createMany({
      data: Array.from({ length: FIELD_REPORTS }, (_, r) => ({ committeeId, name: packed.column!.bins[r] || `XSS字段稿 ${r} column` })),
      skipDuplicates: true,
    });
    for (let r = 0; r < FIELD_REPORTS; r++) {
      const value = (name: ReportFieldName) => packed[name]!.bins[r] || `XSS字段稿 ${r} ${name}`;
      const fields = Object.fromEntries(FIELDS.filter((n) => n !== "correctionNote").map((name) => [name, value(name)])) as Record<string, string> & { title: string };
      const { id } = await cmd.createReport({ actor: editor, committeeId, fields: { title: `XSS字段稿 ${r}` } });
      // A plain first save (the checkpoint the history page compares against), then the payloads.
      await cmd.saveDraft({ actor: editor, reportId: id, input: { expectedVersion: 1, fields: { title: `XSS字段稿 ${r}` }, content: doc(paragraph(`字段稿正文 ${r}。`)) } });
      await cmd.saveDraft({ actor: editor, reportId: id, input: { expectedVersion: 2, fields, content: doc(paragraph(`字段稿正文 ${r}，含有 xsscorpus 字样。`)) } });
      await publishEdition(id);
      // A second edition with the correction note, published; a third one waits for review.
      await cmd.startNewEdition({ actor: editor, reportId: id });
      await cmd.saveDraft({ actor: editor, reportId: id, input: { expectedVersion: await versionOf(id), fields: { ...fields, correctionNote: value("correctionNote") }, content: doc(paragraph(`字段稿正文 ${r}，含有 xsscorpus 字样。`)) } });
      await publishEdition(id);
      await cmd.startNewEdition({ actor: editor, reportId: id });
      await cmd.saveDraft({ actor: editor, reportId: id, input: { expectedVersion: await versionOf(id), fields, content: doc(paragraph(`字段稿第三版 ${r}。`)) } });
      await cmd.submitReport({ actor: editor, reportId: id });
      fieldReports.push(id);
      columns.push(fields.column!);
    }

    // 2. URLs: each href and src alone on a scratch draft; refused, or kept for the body report.
    const { id: scratch } = await cmd.createReport({ actor: editor, committeeId, fields: { title: "XSS地址试存" } });
    const acceptedHrefs: Payload[] = [];
    const acceptedSrcs: Payload[] = [];
    for (const url of XSS_URLS) {
      for (const kind of ["href", "src"] as const) {
        const node =
          kind === "href"
            ? { type: "paragraph", content: [{ type: "text", text: `链接 ${url.n}`, marks: [{ type: "link", attrs: { href: url.text } }] }] }
            : { type: "figure", attrs: { src: url.text, alt: `图 ${url.n}` } };
        try {
          await cmd.saveDraft({ actor: editor, reportId: scratch, input: { expectedVersion: await versionOf(scratch), fields: { title: "XSS地址试存" }, content: doc(node) } });
          (kind === "href" ? acceptedHrefs : acceptedSrcs).push(url);
          stored(kind === "href" ? "link href" : "figure src");
        } catch (error) {
          expect((error as { code?: string }).code, `${kind} ${url.text}`).toBe("INVALID");
          refused(`${kind === "href" ? "link href" : "figure src"} (refused by the server)`);
        }
      }
    }
    await db.report.delete({ where: { id: scratch } });

    // 3. The body report: every payload as body text, as link text, as figure alt, caption and
    //    credit; every accepted URL as a link and a figure.
    const short = PUBLISHABLE.filter((p) => p.text.length <= 500);
    const body = doc(
      paragraph("正文起始 xsscorpus。"),
      ...PUBLISHABLE.map((p) => paragraph(p.text)),
      ...PUBLISHABLE.map((p) => ({ type: "paragraph", content: [{ type: "text", text: p.text, marks: [{ type: "link", attrs: { href: "https://example.cn/" } }] }] })),
      ...short.map((p) => ({ type: "figure", attrs: { src: "/favicon.ico", alt: p.text, caption: p.text, credit: p.text } })),
      ...acceptedHrefs.map((u) => ({ type: "paragraph", content: [{ type: "text", text: `链接 ${u.n}`, marks: [{ type: "link", attrs: { href: u.text } }] }] })),
      ...acceptedSrcs.map((u) => ({ type: "figure", attrs: { src: u.text, alt: `图 ${u.n}` } })),
    );
    stored("body text", PUBLISHABLE.length);
    stored("link text", PUBLISHABLE.length);
    for (const attr of ["alt", "caption", "credit"]) {
      stored(`figure ${attr}`, short.length);
      refused(`figure ${attr} (longer than allowed)`, PUBLISHABLE.length - short.length);
    }
    {
      const { id } = await cmd.createReport({ actor: editor, committeeId, fields: { title: "XSS正文稿 xsscorpus" } });
      await cmd.saveDraft({ actor: editor, reportId: id, input: { expectedVersion: 1, fields: { title: "XSS正文稿 xsscorpus" }, content: doc(paragraph("起初的正文。")) } });
      await cmd.saveDraft({ actor: editor, reportId: id, input: { expectedVersion: 2, fields: { title: "XSS正文稿 xsscorpus", summary: "正文稿摘要" }, content: body } });
      await cmd.submitReport({ actor: editor, reportId: id });
      // Review comments, one per payload; requests for changes, as many payloads as fit in one.
      for (const p of XSS_PAYLOADS) {
        try {
          await cmd.addReviewComment({ actor: reviewer, reportId: id, input: { body: p.text } });
          stored("review comment");
        } catch (error) {
          expect((error as { code?: string }).code).toBe("INVALID");
          refused("review comment (longer than allowed)");
        }
      }
      const requests = chunks(XSS_PAYLOADS, 2000);
      refused("request-changes comment (longer than allowed)", requests.tooLong);
      for (const comment of requests.chunks) {
        await cmd.requestChanges({ actor: reviewer, reportId: id, comment });
        stored("request-changes comment", comment.split("\n").length);
        await cmd.submitReport({ actor: editor, reportId: id });
      }
      await approve(id);
      bodyReport = id;
    }

    // 3b. Payloads that proofreading holds back (placeholder marks such as `*`) cannot be
    //     published; they are rendered in the back office from a submitted report.
    {
      const { id } = await cmd.createReport({ actor: editor, committeeId, fields: { title: "XSS待校对稿 xsscorpus" } });
      const content = doc(paragraph("待校对稿正文 xsscorpus。"), ...HELD.map((p) => paragraph(p.text)));
      await cmd.saveDraft({ actor: editor, reportId: id, input: { expectedVersion: 1, fields: { title: "XSS待校对稿 xsscorpus", summary: HELD.map((p) => p.text).join(" ") }, content } });
      await cmd.submitReport({ actor: editor, reportId: id });
      await expect(approve(id)).rejects.toThrow("必须修正的错误");
      stored("body text (held back by proofreading)", HELD.length);
      heldReport = id;
    }

    // 4. Unpublish reasons: published and taken down again, a chunk of payloads each time.
    {
      const { id } = await cmd.createReport({ actor: editor, committeeId, fields: { title: "XSS撤稿稿 xsscorpus" } });
      await cmd.saveDraft({ actor: editor, reportId: id, input: { expectedVersion: 1, fields: { title: "XSS撤稿稿 xsscorpus" }, content: doc(paragraph("撤稿稿正文。")) } });
      const reasons = chunks(XSS_PAYLOADS, 2000);
      refused("unpublish reason (longer than allowed)", reasons.tooLong);
      for (const reason of reasons.chunks) {
        await publishEdition(id);
        await cmd.unpublishReport({ actor: reviewer, reportId: id, reason });
        stored("unpublish reason", reason.split("\n").length);
        await cmd.startNewEdition({ actor: editor, reportId: id });
      }
      reasonReport = id;
    }

    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    // Take this file's reports off the public site again; leave the demo samples as they were.
    for (const id of [...fieldReports, bodyReport]) {
      const report = await db.report.findUnique({ where: { id } });
      if (report?.liveRevisionId) await cmd.unpublishReport({ actor: reviewer, reportId: id, reason: "测试结束撤下" });
    }
    await browser?.close();
    await db?.$disconnect();
    const storedTotal = Object.values(stats.stored).reduce((a, b) => a + b, 0);
    const refusedTotal = Object.values(stats.refused).reduce((a, b) => a + b, 0);
    console.log(
      `[xss-corpus] payloads=${XSS_PAYLOADS.length}+${XSS_URLS.length} urls; payload×input stored=${storedTotal} refused at input=${refusedTotal}; ` +
        `pages rendered=${stats.pages} (showing payload text: ${stats.pagesShowingPayloads}); executed=${stats.executed}; injected elements=${stats.injected.length}\n` +
        `[xss-corpus] stored by input: ${JSON.stringify(stats.stored)}\n[xss-corpus] refused by input: ${JSON.stringify(stats.refused)}`,
    );
  });

  /** Renders `url` with the hook; returns what ran and what was injected. */
  async function render(context: BrowserContext, url: string, options: { expectPayloads?: boolean; status?: number[] } = {}) {
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy|__xssHit/i.test(message.text())) errors.push(message.text());
    });
    page.on("pageerror", (error) => {
      if (/__xssHit|xss/i.test(String(error))) errors.push(String(error));
    });
    const response = await page.goto(url, { waitUntil: "load" });
    if (options.status) expect(options.status, url).toContain(response?.status());
    else expect(response?.status(), url).toBeLessThan(500);
    // Images have failed (their onerror would have run) by the load event; give hydration and
    // autofocus handlers two frames more.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // Move the pointer across the page, for any injected mouseover handler.
    await page.mouse.move(10, 10);
    await page.mouse.move(700, 500, { steps: 4 });
    const found = await inspect(page);
    stats.pages += 1;
    if (found.showsPayloads) stats.pagesShowingPayloads += 1;
    stats.executed += found.hits.length + dialogs.length;
    stats.injected.push(...found.injected.map((i) => `${url}: ${i}`));
    expect(found.hits, `${url} executed payloads`).toEqual([]);
    expect(dialogs, `${url} opened dialogs`).toEqual([]);
    expect(errors, `${url} console`).toEqual([]);
    expect(found.injected, `${url} has injected markup`).toEqual([]);
    if (options.expectPayloads) expect(found.showsPayloads, `${url} shows no payload text: the test would prove nothing`).toBe(true);
    await page.close();
    return found;
  }

  /** Renders the pages three at a time (each in its own tab of `context`). */
  async function renderAll(context: BrowserContext, urls: string[], options: { expectPayloads?: boolean } = {}) {
    const queue = [...urls];
    await Promise.all(
      [1, 2, 3].map(async () => {
        for (let url = queue.shift(); url !== undefined; url = queue.shift()) await render(context, url, options);
      }),
    );
  }

  async function inspect(page: Page) {
    return page.evaluate(() => {
      const w = window as unknown as { __xss?: number[] };
      const injected: string[] = [];
      const root = document.documentElement;
      const all = [root, ...root.querySelectorAll("*")];
      const badUrl = /^(javascript|vbscript|data:text\/html|data:image\/svg)/;
      for (const element of all) {
        for (const attr of [...element.attributes]) {
          const name = attr.name.toLowerCase();
          const value = attr.value;
          if (name.startsWith("on") && value.includes("__xssHit")) injected.push(`<${element.localName} ${name}="${value.slice(0, 60)}">`);
          if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"].includes(name)) {
            const normalized = value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
            if (badUrl.test(normalized) || (name === "srcdoc" && value.includes("__xssHit"))) injected.push(`<${element.localName} ${name}="${value.slice(0, 60)}">`);
          }
          if (name === "style" && /expression\(|javascript:/i.test(value)) injected.push(`<${element.localName} style="${value.slice(0, 60)}">`);
        }
        const tag = element.localName;
        if (tag === "script") {
          const type = element.getAttribute("type") ?? "";
          const text = element.textContent ?? "";
          // Next's flight data carries page data as string literals; JSON-LD is data too.
          const isData = type === "application/ld+json" || /^\s*\(?self\.__next_f/.test(text);
          if (!isData && text.includes("__xssHit")) injected.push(`<script>${text.slice(0, 60)}`);
          if (type === "application/ld+json") {
            try {
              JSON.parse(text);
            } catch {
              injected.push(`broken JSON-LD: ${text.slice(0, 60)}`);
            }
          }
        }
        // Elements that only markup from a payload would create. (A <meta content> or a
        // <link href> holding the payload as an escaped attribute value is the page's own.)
        const own = tag === "meta" ? !element.hasAttribute("http-equiv") : tag === "link";
        if (["iframe", "object", "embed", "frame", "base", "meta", "template", "style", "link", "svg", "math", "video", "audio"].includes(tag) && !own && element.outerHTML.includes("__xssHit")) {
          injected.push(`<${tag}>${element.outerHTML.slice(0, 60)}`);
        }
      }
      const text = (document.body ?? root).textContent ?? "";
      return { hits: [...(w.__xss ?? [])], injected, showsPayloads: text.includes("__xssHit(") };
    });
  }

  async function contextFor(username: string | null) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(HOOK);
    if (username) {
      const page = await context.newPage();
      await signIn(page, username, DEMO_PASSWORD);
      await page.waitForURL(/\/studio$/);
      await page.close();
    }
    return context;
  }

  it("stores the corpus through every input, refusing only what the server must", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(XSS_PAYLOADS.map((p) => p.text)).size).toBe(XSS_PAYLOADS.length);
    // The server refuses every javascript:, data: and vbscript: URL (and anything with whitespace).
    expect(stats.refused["link href (refused by the server)"]).toBeGreaterThanOrEqual(10);
    expect(stats.stored["body text"]! + stats.stored["body text (held back by proofreading)"]!).toBe(XSS_PAYLOADS.length);
    expect(stats.stored["field title"]).toBe(PUBLISHABLE.filter((p) => p.text.trim().length <= 200).length);
    expect(stats.stored["review comment"]).toBeGreaterThanOrEqual(XSS_PAYLOADS.length - 1);
  });

  it("runs nothing in the back office: report pages, history with diff, review queue, notifications", { timeout: 300_000 }, async () => {
    const asEditor = await contextFor("zhuzhou-editor");
    await renderAll(asEditor, [...fieldReports, bodyReport, heldReport].map((id) => `${baseUrl()}/studio/reports/${id}`), { expectPayloads: true });
    await render(asEditor, `${baseUrl()}/studio/reports/${reasonReport}`);
    for (const id of [fieldReports[0]!, fieldReports[1]!, bodyReport, reasonReport]) {
      const revisions = await db.revision.findMany({ where: { reportId: id }, orderBy: { number: "asc" }, select: { id: true } });
      // The first revision is the plain checkpoint: the comparison shows every payload as added.
      await render(asEditor, `${baseUrl()}/studio/reports/${id}/history?from=${revisions[0]!.id}&to=${revisions.at(-1)!.id}`, { expectPayloads: id !== reasonReport });
    }
    await render(asEditor, `${baseUrl()}/studio`, { expectPayloads: true });
    await render(asEditor, `${baseUrl()}/studio/notifications`, { expectPayloads: true });
    await asEditor.close();
    const asReviewer = await contextFor("zhuzhou-reviewer");
    await render(asReviewer, `${baseUrl()}/studio/review`, { expectPayloads: true });
    await render(asReviewer, `${baseUrl()}/studio/notifications`, { expectPayloads: true });
    await asReviewer.close();
  });

  it("runs nothing on the public site: report pages, home, committee, 栏目, search", { timeout: 300_000 }, async () => {
    const reader = await contextFor(null);
    await renderAll(reader, [...fieldReports, bodyReport].map((id) => `${baseUrl()}/reports/${id}`), { expectPayloads: true });
    await render(reader, `${baseUrl()}/`, { expectPayloads: true });
    await render(reader, `${baseUrl()}/committees/zhuzhou`, { expectPayloads: true });
    await renderAll(reader, [...new Set(columns)].slice(0, 8).map((column) => `${baseUrl()}/columns/${encodeURIComponent(column)}`), { expectPayloads: true });
    await render(reader, `${baseUrl()}/search?q=xsscorpus`, { expectPayloads: true });
    for (const q of ["onerror", "script", "xssHit", "svg onload", "xsscorpus&page=2"]) await render(reader, `${baseUrl()}/search?q=${q.includes("&") ? q : encodeURIComponent(q)}`);
    await reader.close();
  });

  it("runs nothing from the search query or route params", { timeout: 300_000 }, async () => {
    const reader = await contextFor(null);
    const asEditor = await contextFor("zhuzhou-editor");
    // The search box echoes the query: every payload once, in batches of a few per query.
    const queries = chunks(XSS_PAYLOADS.filter((p) => p.text.length < 300), 400).chunks;
    await renderAll(reader, queries.map((q) => `${baseUrl()}/search?q=${encodeURIComponent(q)}`));
    stored("search query", XSS_PAYLOADS.filter((p) => p.text.length < 300).length);
    // Route params: a sample of payloads as ids, slugs and 栏目 names.
    const sample = XSS_PAYLOADS.filter((_, i) => i % 20 === 0);
    const params = sample.map((p) => encodeURIComponent(p.text));
    await renderAll(reader, params.flatMap((param) => [`${baseUrl()}/reports/${param}`, `${baseUrl()}/committees/${param}`, `${baseUrl()}/columns/${param}`]));
    await renderAll(asEditor, params.map((param) => `${baseUrl()}/studio/reports/${param}`));
    stored("route param", sample.length * 4);
    await reader.close();
    await asEditor.close();
  });

  it("escapes every payload in the feeds and the sitemap, and their item HTML runs nothing", { timeout: 300_000 }, async () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "item" || name === "entry" || name === "url" || name === "sitemap" });
    const reader = await contextFor(null);
    const titles: string[] = [];
    const itemHtml: string[] = [];
    for (const path of ["/feed.xml", "/atom.xml", "/committees/zhuzhou/feed.xml", "/committees/zhuzhou/atom.xml"]) {
      const res = await fetch(`${baseUrl()}${path}`);
      expect(res.status, path).toBe(200);
      const xml = await res.text();
      expect(XMLValidator.validate(xml), path).toBe(true);
      const parsed = parser.parse(xml) as { rss?: { channel: { item: Record<string, unknown>[] } }; feed?: { entry: Record<string, unknown>[] } };
      const items = parsed.rss?.channel.item ?? parsed.feed?.entry ?? [];
      for (const item of items) {
        const title = typeof item.title === "object" ? String((item.title as Record<string, unknown>)["#text"]) : String(item.title);
        titles.push(title);
        const content = item["content:encoded"] ?? item.description ?? item.content ?? item.summary;
        itemHtml.push(typeof content === "object" ? String((content as Record<string, unknown>)["#text"] ?? "") : String(content ?? ""));
      }
      // The feed itself, opened in the browser, is an XML document: nothing in it may run.
      await render(reader, `${baseUrl()}${path}`, { expectPayloads: true });
    }
    // Parsed back, each payload title is exactly the stored title: escaped text, not markup.
    // (A feed holds the 30 newest, so not every field report need be in it.)
    const live = await db.report.findMany({ where: { id: { in: fieldReports } }, include: { liveRevision: { select: { title: true } } } });
    const liveTitles = new Set(live.map((report) => report.liveRevision!.title));
    const payloadTitles = titles.filter((title) => title.includes("__xssHit("));
    expect(payloadTitles.length).toBeGreaterThanOrEqual(20);
    for (const title of payloadTitles) expect(liveTitles.has(title), `feed title parsed back: ${title}`).toBe(true);
    // What a feed reader would do with the item HTML.
    const page = await reader.newPage();
    await page.setContent(`<!doctype html><meta charset=utf-8><body>${itemHtml.map((html) => `<article>${html}</article>`).join("")}</body>`, { waitUntil: "load" });
    const found = await inspect(page);
    stats.pages += 1;
    stats.executed += found.hits.length;
    expect(found.hits).toEqual([]);
    expect(found.injected).toEqual([]);
    expect(found.showsPayloads).toBe(true);
    await page.close();

    for (const path of ["/sitemap_index.xml", "/sitemap/0.xml", "/sitemap/1.xml"]) {
      const res = await fetch(`${baseUrl()}${path}`);
      expect(res.status, path).toBe(200);
      const xml = await res.text();
      expect(XMLValidator.validate(xml), path).toBe(true);
      await render(reader, `${baseUrl()}${path}`);
    }
    // The 栏目 names are in the sitemap as URLs, percent-encoded.
    const sitemap = parser.parse(await (await fetch(`${baseUrl()}/sitemap/0.xml`)).text()) as { urlset: { url: { loc: string }[] } };
    const locs = sitemap.urlset.url.map((u) => u.loc);
    for (const column of columns) expect(locs.some((loc) => decodeURIComponent(loc).endsWith(`/columns/${column}`)), column).toBe(true);
    await reader.close();
    expect(stats.executed).toBe(0);
  });
});
