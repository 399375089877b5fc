// Search over live editions: indexed in the publish transaction, removed on unpublish, with
// Chinese queries of one to four characters, Latin and digits, phrases, filters, pagination,
// ranking and any input at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { addColumns, docOf, createWorld, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let people: People;
let xiamenId: string;
let fuzhouId: string;
let search: typeof import("@/lib/search/search");
let cmd: {
  createReport: typeof import("@/lib/reports/commands/create-report").createReport;
  saveDraft: typeof import("@/lib/reports/commands/save-draft").saveDraft;
  submitReport: typeof import("@/lib/reports/commands/submit-report").submitReport;
  approveReport: typeof import("@/lib/reports/commands/approve-report").approveReport;
  unpublishReport: typeof import("@/lib/reports/commands/unpublish-report").unpublishReport;
};

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId, fuzhouId } = await createWorld(db));
  await addColumns(db, ["工作动态", "模范机关", "基层党建", "工作综述", "党建动态"]);
  cmd = {
    ...(await import("@/lib/reports/commands/create-report")),
    ...(await import("@/lib/reports/commands/save-draft")),
    ...(await import("@/lib/reports/commands/submit-report")),
    ...(await import("@/lib/reports/commands/approve-report")),
    ...(await import("@/lib/reports/commands/unpublish-report")),
  };
  search = await import("@/lib/search/search");
});
afterAll(() => db.$disconnect());

type Fields = { title: string; kicker?: string; column?: string; issueDate?: string };

/** Writes, submits and publishes a report through the real workflow. */
async function publish(committee: "xiamen" | "fuzhou", fields: Fields, ...paragraphs: string[]) {
  const [editor, reviewer, committeeId] =
    committee === "xiamen" ? [people.xmEditor, people.xmReviewer, xiamenId] : [people.fzEditor, people.fzReviewer, fuzhouId];
  const { id } = await cmd.createReport({ actor: editor, committeeId, fields: { title: fields.title } });
  const saved = await cmd.saveDraft({
    actor: editor,
    reportId: id,
    input: { expectedVersion: 1, fields: { ...fields }, content: docOf(...paragraphs) },
  });
  await cmd.submitReport({ actor: editor, reportId: id, expectedVersion: saved.version });
  await cmd.approveReport({ actor: reviewer, reportId: id });
  return id;
}

const find = async (q: unknown, options: { page?: number; filters?: import("@/lib/search/search").SearchFilters } = {}) =>
  search.searchReports(db, { q, ...options });
const ids = async (q: unknown, filters?: import("@/lib/search/search").SearchFilters) =>
  (await find(q, { filters })).hits.map((h) => h.id);

describe("publish makes a report findable, unpublish takes it away", () => {
  let id: string;
  beforeAll(async () => {
    id = await publish(
      "xiamen",
      { title: "凝心铸魂担使命", column: "工作动态", issueDate: "2022-12-02" },
      "厦门市直机关持续兴起学习宣传贯彻党的二十大精神热潮。",
      "全年地区生产总值(GDP)增长6.5%，依托5G网络开展“智慧党建”。2022年度考核优秀。",
    );
  });

  it.each([
    ["2 characters", "党建"],
    ["2 characters (city)", "厦门"],
    ["3 characters", "二十大"],
    ["4 characters", "机关持续"],
    ["1 character", "魂"],
    ["Latin, any case", "gdp"],
    ["Latin, full width", "ＧＤＰ"],
    ["digits", "2022"],
    ["letters and digits", "5G"],
    ["a quoted phrase", '"学习宣传贯彻党的二十大精神"'],
    ["a long unquoted phrase", "学习贯彻二十大精神"],
    ["two words", "智慧党建 2022"],
  ])("by %s: %s", async (_, q) => {
    expect(await ids(q)).toContain(id);
  });

  it("stores its vectors out of line without trying to compress them (they do not compress)", async () => {
    const storage = await db.$queryRawUnsafe<{ attname: string; attstorage: string }[]>(
      `SELECT attname::text, attstorage::text FROM pg_attribute WHERE attrelid = '"SearchDocument"'::regclass AND attname IN ('grams', 'headGrams') ORDER BY 1`,
    );
    expect(storage).toEqual([
      { attname: "grams", attstorage: "e" },
      { attname: "headGrams", attstorage: "e" },
    ]);
    const [row] = await db.$queryRawUnsafe<{ compression: string | null }[]>(`SELECT pg_column_compression(grams) AS compression FROM "SearchDocument" WHERE "reportId" = $1`, id);
    expect(row).toEqual({ compression: null });
  });

  it("is not found by what it does not contain", async () => {
    expect(await ids("福州")).not.toContain(id);
    expect(await ids('"党建二十大"')).not.toContain(id);
    expect(await ids("乡村振兴")).not.toContain(id);
  });

  it("highlights matches in the title and the snippet", async () => {
    const hit = (await find("二十大")).hits.find((h) => h.id === id)!;
    expect(hit.snippet.filter((p) => p.hit).map((p) => p.text)).toContain("二十大");
    const titleHit = (await find("铸魂")).hits.find((h) => h.id === id)!;
    expect(titleHit.title.filter((p) => p.hit).map((p) => p.text)).toEqual(["铸魂"]);
    expect(titleHit.committee.name).toBe("厦门市直机关工委");
  });

  it("unpublish removes it from the index and the results", async () => {
    await cmd.unpublishReport({ actor: people.xmReviewer, reportId: id, reason: "内容需要更新" });
    expect(await ids("二十大")).not.toContain(id);
    expect(await db.$queryRaw<unknown[]>`SELECT 1 FROM "SearchDocument" WHERE "reportId" = ${id}`).toHaveLength(0);
  });
});

describe("filters, ranking and pagination", () => {
  const made: Record<string, string> = {};
  beforeAll(async () => {
    made.titleHit = await publish("fuzhou", { title: "模范机关创建综述", column: "模范机关", issueDate: "2024-07-09" }, "福州市直机关工作。");
    made.bodyHits = await publish(
      "fuzhou",
      { title: "福州机关党建观察", column: "基层党建", issueDate: "2023-05-01" },
      "推进模范机关创建。模范机关创建要持续用力，模范机关创建永远在路上。",
    );
    for (let i = 0; i < 23; i++) {
      made[`page${i}`] = await publish(
        "xiamen",
        { title: `厦门基层组织建设报道第${i + 1}篇`, column: "基层党建", issueDate: `2021-03-${String(i + 1).padStart(2, "0")}` },
        "规范化建设稳步推进，支部标准化水平提升。",
      );
    }
  });

  it("puts a title match first, ahead of a body with many matches", async () => {
    const result = await find("模范机关");
    expect(result.hits.map((h) => h.id).slice(0, 2)).toEqual([made.titleHit, made.bodyHits]);
  });

  it("filters by committee, year and 栏目", async () => {
    expect(await ids("机关", { committeeId: fuzhouId })).toEqual(expect.arrayContaining([made.titleHit, made.bodyHits]));
    expect(await ids("机关", { committeeId: xiamenId })).not.toContain(made.titleHit);
    expect(await ids("模范机关", { year: 2023 })).toEqual([made.bodyHits]);
    expect(await ids("模范机关", { column: "模范机关" })).toEqual([made.titleHit]);
    expect(await ids("模范机关", { year: 1999 })).toEqual([]);
  });

  it("pages through 23 results, 10 at a time, newest first among equals", async () => {
    const first = await find("规范化", { page: 1 });
    expect(first.total).toBe(23);
    expect(first.pageCount).toBe(3);
    expect(first.hits).toHaveLength(10);
    const second = await find("规范化", { page: 2 });
    const third = await find("规范化", { page: 3 });
    expect(third.hits).toHaveLength(3);
    const all = [...first.hits, ...second.hits, ...third.hits].map((h) => h.id);
    expect(new Set(all).size).toBe(23);
    expect(first.hits[0]!.id).toBe(made.page22);
    const beyond = await find("规范化", { page: 9 });
    expect(beyond.hits).toEqual([]);
    expect(beyond.total).toBe(23);
  });

  it("gives a sane answer to any input", async () => {
    const nasty: unknown[] = [
      "",
      "   ",
      "& | ! ( ) : * ' \"",
      "'; DROP TABLE \"Report\"; --",
      "😀🎉",
      "党建😀",
      "党".repeat(1000),
      "a".repeat(1000),
      '"unterminated 党建',
      "\u0000\u200b",
      "<script>alert(1)</script>",
      ["党建", "x"],
      undefined,
      42,
    ];
    for (const q of nasty) {
      const result = await find(q);
      expect(result.total).toBeGreaterThanOrEqual(0);
      expect(result.hits.length).toBeLessThanOrEqual(10);
    }
    expect((await find("& | !")).searched).toBe(false);
    expect((await find("党建😀")).total).toBeGreaterThan(0);
    expect(await db.report.count()).toBeGreaterThan(0);
  });

  it("keeps the page number within bounds", () => {
    expect(search.parsePage("2")).toBe(2);
    expect(search.parsePage("-1")).toBe(1);
    expect(search.parsePage("1e9")).toBe(1);
    expect(search.parsePage("100000")).toBe(1);
    expect(search.parsePage(undefined)).toBe(1);
  });
});

describe("the demo seed indexes its published reports", () => {
  it("finds the seeded samples", async () => {
    const fresh = await freshDatabase();
    try {
      const { seedDemoData } = await import("../../prisma/seed");
      await seedDemoData(fresh.db);
      const result = await search.searchReports(fresh.db, { q: "厦门" });
      expect(result.total).toBeGreaterThan(0);
      const published = await fresh.db.report.count({ where: { liveRevisionId: { not: null } } });
      const indexed = await fresh.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "SearchDocument"`;
      expect(indexed[0]!.n).toBe(published);
      const options = await (await import("@/lib/search/filter-options")).loadFilterOptions(fresh.db);
      expect(options.years.length).toBeGreaterThan(0);
      expect(options.committees.length).toBeGreaterThan(0);
    } finally {
      await fresh.db.$disconnect();
    }
  });
});
