// Nothing that is not live reaches a public read. Reports in every non-public shape — a draft,
// a submitted one, one scheduled for the future, one taken down, and the new edition in draft
// of a published report — each carry a unique marker word in every field and the body; no
// public read (listings, committee and 栏目 pages, the report page, feeds, sitemap, search)
// may show any marker, and the published report keeps showing its old text. A published
// control report with its own marker proves the reads do see live text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { addColumns, docOf, createWorld, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let people: People;
let xiamenId: string;
let fuzhouId: string;
let cmd: Commands;
let publicReads: typeof import("@/lib/public/published-reports");
let feedItems: typeof import("@/lib/public/feed-items");
let feeds: typeof import("@/lib/public/feeds");
let search: typeof import("@/lib/search/search");

/** Marker words, Latin so the search tokenizer keeps each whole, and a Chinese one beside. */
const MARKERS = {
  draft: "zqleakdraft",
  submitted: "zqleaksubmitted",
  scheduled: "zqleakscheduled",
  unpublished: "zqleakunpublished",
  newEdition: "zqleakneweditn",
  newEditionSubmitted: "zqleakneweditsub",
} as const;
type Secret = keyof typeof MARKERS;
const CONTROL = "zqvisiblecontrol";
const CHINESE_MARK: Record<Secret, string> = {
  draft: "草稿暗号甲",
  submitted: "待审暗号乙",
  scheduled: "定时暗号丙",
  unpublished: "撤稿暗号丁",
  newEdition: "新版暗号戊",
  newEditionSubmitted: "新版待审暗号己",
};

const ids = {} as Record<Secret | "control", string>;

function fieldsWith(marker: string, chinese: string) {
  return {
    title: `${chinese} ${marker} 标题`,
    kicker: `${marker}引题`,
    subtitle: `${marker}副题`,
    byline: `记者 ${marker}`,
    source: `${marker}报`,
    originalTitle: `${marker}原题`,
    responsibleEditor: `${marker}`,
    column: `${marker}栏目`,
    summary: `${chinese}摘要 ${marker}`,
  };
}
const bodyWith = (marker: string, chinese: string) => docOf(`正文里有${chinese}和 ${marker} 两个记号。`, `第二段 ${marker}。`);

async function write(committee: "xiamen" | "fuzhou", marker: string, chinese: string) {
  const [editor, committeeId] = committee === "xiamen" ? [people.xmEditor, xiamenId] : [people.fzEditor, fuzhouId];
  const fields = fieldsWith(marker, chinese);
  const { id } = await cmd.createReport({ actor: editor, committeeId, fields: { title: fields.title } });
  const saved = await cmd.saveDraft({ actor: editor, reportId: id, input: { expectedVersion: 1, fields, content: bodyWith(marker, chinese) } });
  return { id, version: saved.version, editor };
}

async function publishedWith(committee: "xiamen" | "fuzhou", marker: string, chinese: string) {
  const { id, version, editor } = await write(committee, marker, chinese);
  await cmd.submitReport({ actor: editor, reportId: id, expectedVersion: version });
  await cmd.approveReport({ actor: committee === "xiamen" ? people.xmReviewer : people.fzReviewer, reportId: id });
  return id;
}

const OLD_TEXT = "已发布版本的旧文字";

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  process.env.PUBLIC_URL = "https://dj.example.cn";
  ({ people, xiamenId, fuzhouId } = await createWorld(db));
  await addColumns(db, [...Object.values(MARKERS), CONTROL].map((marker) => `${marker}栏目`).concat("旧栏目"));
  cmd = await loadCommands();
  publicReads = await import("@/lib/public/published-reports");
  feedItems = await import("@/lib/public/feed-items");
  feeds = await import("@/lib/public/feeds");
  search = await import("@/lib/search/search");

  ids.control = await publishedWith("xiamen", CONTROL, "公开对照");

  ids.draft = (await write("xiamen", MARKERS.draft, CHINESE_MARK.draft)).id;

  const submitted = await write("fuzhou", MARKERS.submitted, CHINESE_MARK.submitted);
  await cmd.submitReport({ actor: people.fzEditor, reportId: submitted.id, expectedVersion: submitted.version });
  ids.submitted = submitted.id;

  const scheduled = await write("xiamen", MARKERS.scheduled, CHINESE_MARK.scheduled);
  await cmd.submitReport({ actor: people.xmEditor, reportId: scheduled.id, expectedVersion: scheduled.version });
  await cmd.approveReport({ actor: people.xmReviewer, reportId: scheduled.id, publishAt: new Date(Date.now() + 24 * 3600_000) });
  ids.scheduled = scheduled.id;

  ids.unpublished = await publishedWith("fuzhou", MARKERS.unpublished, CHINESE_MARK.unpublished);
  await cmd.unpublishReport({ actor: people.fzReviewer, reportId: ids.unpublished, reason: "数据有误" });

  // Published with the old text, then a new edition drafted (and one submitted) with the marker.
  for (const key of ["newEdition", "newEditionSubmitted"] as const) {
    const title = key === "newEdition" ? "旧版标题甲" : "旧版标题乙";
    const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title } });
    const saved = await cmd.saveDraft({
      actor: people.xmEditor,
      reportId: id,
      input: { expectedVersion: 1, fields: { title, column: "旧栏目" }, content: docOf(OLD_TEXT) },
    });
    await cmd.submitReport({ actor: people.xmEditor, reportId: id, expectedVersion: saved.version });
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    const live = await db.report.findUniqueOrThrow({ where: { id } });
    const edition = await cmd.startNewEdition({ actor: people.xmEditor, reportId: id, expectedVersion: live.version });
    const next = await cmd.saveDraft({
      actor: people.xmEditor,
      reportId: id,
      input: {
        expectedVersion: edition.version,
        fields: { ...fieldsWith(MARKERS[key], CHINESE_MARK[key]), correctionNote: `更正 ${MARKERS[key]}` },
        content: bodyWith(MARKERS[key], CHINESE_MARK[key]),
      },
    });
    if (key === "newEditionSubmitted") await cmd.submitReport({ actor: people.xmEditor, reportId: id, expectedVersion: next.version });
    ids[key] = id;
  }
});
afterAll(async () => {
  delete process.env.PUBLIC_URL;
  await db.$disconnect();
});

const SECRETS = Object.keys(MARKERS) as Secret[];
const secretWords = SECRETS.flatMap((key) => [MARKERS[key], CHINESE_MARK[key]]);

/** Every marker of a non-public edition absent from `value` (serialized). */
function expectNoMarkers(where: string, value: unknown) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const found = secretWords.filter((word) => text.toLowerCase().includes(word.toLowerCase()));
  expect(found, `${where} shows unpublished text`).toEqual([]);
  return text;
}

describe("the reports are in the shapes the test means", () => {
  it("has each report in its state", async () => {
    const rows = await db.report.findMany({ where: { id: { in: Object.values(ids) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids.draft)).toMatchObject({ status: "DRAFT", liveRevisionId: null });
    expect(byId.get(ids.submitted)).toMatchObject({ status: "SUBMITTED", liveRevisionId: null });
    expect(byId.get(ids.scheduled)).toMatchObject({ status: "SCHEDULED", liveRevisionId: null });
    expect(byId.get(ids.unpublished)).toMatchObject({ status: "UNPUBLISHED", liveRevisionId: null });
    expect(byId.get(ids.newEdition)?.status).toBe("DRAFT");
    expect(byId.get(ids.newEdition)?.liveRevisionId).not.toBeNull();
    expect(byId.get(ids.newEditionSubmitted)?.status).toBe("SUBMITTED");
    expect(byId.get(ids.newEdition)?.plainText).toContain(MARKERS.newEdition);
    expect(byId.get(ids.control)?.status).toBe("PUBLISHED");
  });
});

describe("no public read shows a marker", () => {
  let reads = 0;
  const check = (where: string, value: unknown) => {
    reads += 1;
    return expectNoMarkers(where, value);
  };
  afterAll(() => console.log(`[public-leak] ${reads} public reads checked for ${secretWords.length} markers of ${SECRETS.length} non-public editions: 0 leaked`));

  it("listings of the home page, committee pages and 栏目", async () => {
    expect(check("latest", await publicReads.listLatestPublishedReports({ take: 100 }))).toContain(CONTROL);
    expect(check("committee sections", await publicReads.listCommitteeSections(50))).toContain(CONTROL);
    expect(check("xiamen page", await publicReads.getCommitteePage("xiamen"))).toContain(CONTROL);
    check("fuzhou page", await publicReads.getCommitteePage("fuzhou"));
    const month = new Date().toISOString().slice(0, 7);
    check("xiamen month", await publicReads.getCommitteePage("xiamen", { yearMonth: month }));
    check("fuzhou month", await publicReads.getCommitteePage("fuzhou", { yearMonth: month }));
    expect(check("栏目 list", await publicReads.listColumns())).toContain(CONTROL);
    for (const key of SECRETS) {
      const page = await publicReads.getColumnPage(`${MARKERS[key]}栏目`);
      check(`栏目 ${key}`, page);
      expect(page.total).toBe(0);
    }
    expect((await publicReads.getColumnPage(`${CONTROL}栏目`)).total).toBe(1);
    expect(check("committees", await publicReads.listPublicCommittees())).not.toBe("");
  });

  it("report pages: nothing for the unpublished shapes, the old text for a new edition in progress", async () => {
    for (const key of ["draft", "submitted", "scheduled", "unpublished"] as const) {
      expect(await publicReads.getPublishedReport(ids[key]), key).toBeNull();
    }
    expect(await publicReads.isReportGone(ids.unpublished)).toBe(true);
    for (const key of ["newEdition", "newEditionSubmitted"] as const) {
      const page = await publicReads.getPublishedReport(ids[key]);
      const text = check(`report page ${key}`, page);
      expect(text).toContain(OLD_TEXT);
      expect(page?.title).toBe(key === "newEdition" ? "旧版标题甲" : "旧版标题乙");
      expect(page?.correctionNote ?? "").toBe("");
    }
    expect(check("control page", await publicReads.getPublishedReport(ids.control))).toContain(CONTROL);
  });

  it("feeds, site-wide and per committee, RSS and Atom", async () => {
    const all = await feedItems.listFeedItems({ take: 1000 });
    expect(check("feed items", all)).toContain(CONTROL);
    check("rss", feeds.buildRss(feeds.siteChannel(), all));
    check("atom", feeds.buildAtom(feeds.siteChannel(), all));
    for (const slug of ["xiamen", "fuzhou"]) {
      const committee = (await feedItems.findCommitteeBySlug(slug))!;
      const items = await feedItems.listFeedItems({ committeeId: committee.id });
      check(`${slug} feed items`, items);
      check(`${slug} rss`, feeds.buildRss(feeds.committeeChannel(committee), items));
      check(`${slug} atom`, feeds.buildAtom(feeds.committeeChannel(committee), items));
    }
    const feedIds = all.map((i) => i.id);
    for (const key of ["draft", "submitted", "scheduled", "unpublished"] as const) expect(feedIds).not.toContain(ids[key]);
  });

  it("the sitemap lists only live reports and live 栏目", async () => {
    const chunks = await feedItems.listSitemapIds();
    const listed: string[] = [];
    for (const chunk of chunks.filter((c) => c > 0)) listed.push(...(await feedItems.listSitemapReports(chunk - 1)).map((r) => r.id));
    listed.push(...(await feedItems.listSitemapReports(0)).map((r) => r.id));
    for (const key of ["draft", "submitted", "scheduled", "unpublished"] as const) expect(listed, key).not.toContain(ids[key]);
    expect(listed).toContain(ids.control);
    expect(listed).toContain(ids.newEdition);
    expect(await feedItems.countPublishedReports()).toBe(3);
    expect(check("sitemap columns", await feedItems.listSitemapColumns())).toContain(CONTROL);
    check("sitemap committees", await feedItems.listSitemapCommittees());
  });

  it("search finds no marker, but finds the control and the old text of a new edition in progress", async () => {
    for (const word of secretWords) {
      const result = await search.searchReports(db, { q: word });
      // The result echoes the query itself; the hits must not show any marker.
      check(`search ${word}`, result.hits);
      expect(result.total, word).toBe(0);
    }
    const control = await search.searchReports(db, { q: CONTROL });
    expect(control.hits.map((h) => h.id)).toEqual([ids.control]);
    const old = await search.searchReports(db, { q: `"${OLD_TEXT}"` });
    expect(old.hits.map((h) => h.id).sort()).toEqual([ids.newEdition, ids.newEditionSubmitted].sort());
    check("search old text", old.hits);
    // Filters by a secret 栏目 find nothing either.
    const byColumn = await search.searchReports(db, { q: "标题", filters: { column: `${MARKERS.newEdition}栏目` } });
    expect(byColumn.total).toBe(0);
  });
});
