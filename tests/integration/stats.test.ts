// The 报送 statistics: the rollup kept inside the transactions equals a recomputation from the
// events after a random workflow run; who sees which committees; the month's figures; exports.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { RECOMPUTE_MONTHLY_SQL, RECOMPUTE_TURNAROUND_SQL, chinaMonth, rebuildStats } from "@/lib/stats/rollup";
import { statsScope } from "@/lib/stats/access";
import { parseMonthRange, statsByCommitteeMonth, statsByEditor } from "@/lib/stats/query";
import { statsCsv, statsXlsx } from "@/lib/stats/export";
import { createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let people: People;
let xiamenId: string;
let fuzhouId: string;
let cmd: Commands;

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId, fuzhouId } = await createWorld(db));
  cmd = await loadCommands();
});
afterAll(() => db.$disconnect());

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20261201;

async function tableRows() {
  const monthly = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT "committeeId", "month", "authorId", "drafted", "submitted", "published", "sentBack", "publishedChars" FROM "StatsMonthly" WHERE "drafted" + "submitted" + "published" + "sentBack" > 0 ORDER BY 1, 2, 3`,
  );
  const turnaround = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT "committeeId", "month", "authorId", "bucket", "count" FROM "StatsTurnaround" ORDER BY 1, 2, 3, 4`);
  return { monthly, turnaround };
}

async function recomputed() {
  const monthly = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM (${RECOMPUTE_MONTHLY_SQL}) x ORDER BY 1, 2, 3`);
  const turnaround = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM (${RECOMPUTE_TURNAROUND_SQL}) x ORDER BY 1, 2, 3, 4`);
  return { monthly, turnaround };
}

describe("the rollup", () => {
  it("equals a recomputation from the events after a random workflow run", async () => {
    const rand = random(SEED);
    const pick = <T,>(items: T[]) => items[Math.floor(rand() * items.length)]!;
    const editors = [
      { actor: people.xmEditor, committeeId: xiamenId, reviewers: [people.xmReviewer, people.xmReviewer2] },
      { actor: people.xmEditor2, committeeId: xiamenId, reviewers: [people.xmReviewer, people.xmReviewer2] },
      { actor: people.fzEditor, committeeId: fuzhouId, reviewers: [people.fzReviewer] },
    ];
    const reports: { id: string; editor: (typeof editors)[number] }[] = [];
    let steps = 0;
    for (let i = 0; i < 90; i++) {
      if (reports.length < 4 || rand() < 0.15) {
        const editor = pick(editors);
        const { id } = await cmd.createReport({ actor: editor.actor, committeeId: editor.committeeId, fields: { title: `随机稿件 ${i}` } });
        const text = "党建工作".repeat(1 + Math.floor(rand() * 30));
        await cmd.saveDraft({ actor: editor.actor, reportId: id, input: { expectedVersion: 1, fields: { title: `随机稿件 ${i}` }, content: docOf(text) } });
        reports.push({ id, editor });
        continue;
      }
      const { id, editor } = pick(reports);
      const report = await db.report.findUniqueOrThrow({ where: { id } });
      const reviewer = pick(editor.reviewers);
      try {
        switch (report.status) {
          case "DRAFT":
            await cmd.submitReport({ actor: editor.actor, reportId: id });
            break;
          case "SUBMITTED": {
            const r = rand();
            if (r < 0.35) await cmd.requestChanges({ actor: reviewer, reportId: id, comment: "请修改" });
            else if (r < 0.75) await cmd.approveReport({ actor: reviewer, reportId: id });
            else if (r < 0.9) await cmd.approveReport({ actor: reviewer, reportId: id, publishAt: new Date(Date.now() + 60_000) });
            else await cmd.withdrawReport({ actor: editor.actor, reportId: id });
            break;
          }
          case "SCHEDULED":
            await cmd.publishDueReports(new Date(Date.now() + 120_000));
            break;
          case "PUBLISHED":
          case "UNPUBLISHED":
            await cmd.startNewEdition({ actor: editor.actor, reportId: id });
            await cmd.saveDraft({ actor: editor.actor, reportId: id, input: { expectedVersion: (await db.report.findUniqueOrThrow({ where: { id } })).version, fields: { title: report.title }, content: docOf("修改后的正文。".repeat(1 + Math.floor(rand() * 5))) } });
            break;
        }
        steps++;
      } catch (error) {
        throw new Error(`step ${i} (${report.status}) failed: ${(error as Error).message}`);
      }
    }
    expect(steps).toBeGreaterThan(40);
    const kept = await tableRows();
    const fromEvents = await recomputed();
    expect(kept.monthly.length).toBeGreaterThan(0);
    const decisions = await db.workflowEvent.count({ where: { action: { in: ["APPROVE", "SCHEDULE", "REQUEST_CHANGES"] } } });
    expect(decisions).toBeGreaterThan(5);
    expect(kept.turnaround.reduce((a, r) => a + Number(r.count), 0)).toBe(decisions);
    expect(kept).toEqual(fromEvents);
    const totals = kept.monthly.reduce<Record<string, number>>((a, r) => {
      for (const k of ["drafted", "submitted", "published", "sentBack"]) a[k] = (a[k] ?? 0) + Number(r[k]);
      return a;
    }, {});
    expect(totals.drafted).toBe(reports.length);
    expect(totals.published).toBeGreaterThan(0);
    expect(totals.sentBack).toBeGreaterThan(0);

    // A rebuild from the events (what the migration does for an existing database) changes nothing.
    await rebuildStats(db);
    expect(await tableRows()).toEqual(kept);
  });

  it("shows this month's figures per committee and editor, with the turnaround percentiles", async () => {
    const range = parseMonthRange({})!;
    expect(range.from).toBe(chinaMonth(new Date()).slice(0, 7));
    const rows = await statsByCommitteeMonth(db, { all: true }, range);
    const events = await db.workflowEvent.groupBy({ by: ["action"], _count: true });
    const count = (a: string) => events.find((e) => e.action === a)?._count ?? 0;
    const sum = (k: "drafted" | "submitted" | "sentBack") => rows.reduce((a, r) => a + r[k], 0);
    expect(sum("drafted")).toBe(count("CREATE"));
    expect(sum("submitted")).toBe(count("SUBMIT"));
    expect(sum("sentBack")).toBe(count("REQUEST_CHANGES"));
    expect(rows.every((r) => r.month === range.from)).toBe(true);
    const decided = rows.find((r) => r.decisions > 0)!;
    expect(decided.medianHours).not.toBeNull();
    expect(decided.p90Hours!).toBeGreaterThanOrEqual(decided.medianHours!);

    const xiamenOnly = await statsByCommitteeMonth(db, statsScope(people.xmReviewer)!, range);
    expect(xiamenOnly.map((r) => r.committeeId)).toEqual([xiamenId]);
    const editorsOfXiamen = await statsByEditor(db, statsScope(people.xmReviewer)!, range);
    expect(new Set(editorsOfXiamen.map((r) => r.authorName))).toEqual(new Set(["xm-editor", "xm-editor2"]));

    // Exports: CSV with a BOM for Excel, and a real .xlsx that reads back with the same figures.
    const csv = statsCsv(xiamenOnly, editorsOfXiamen);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain(`厦门市直机关工委,${range.from},${xiamenOnly[0]!.drafted},${xiamenOnly[0]!.submitted}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await statsXlsx(xiamenOnly, editorsOfXiamen)).buffer as ArrayBuffer);
    const sheet = book.getWorksheet("按工委和月份")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("工委");
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(["厦门市直机关工委", range.from, xiamenOnly[0]!.drafted]));
  });

  it("refuses a malformed or reversed range", () => {
    expect(parseMonthRange({ from: "2026-13" })).toBeNull();
    expect(parseMonthRange({ from: "2026-12", to: "2026-01" })).toBeNull();
    expect(parseMonthRange({ from: "2026-01", to: "2026-12" })).toEqual({ from: "2026-01", to: "2026-12" });
  });
});

describe("who sees statistics", () => {
  it("site admins every committee, reviewers their own, editors none", () => {
    expect(statsScope(people.admin)).toEqual({ all: true });
    expect(statsScope(people.xmReviewer)).toEqual({ all: false, committeeIds: [xiamenId] });
    expect(statsScope(people.fzReviewer)).toEqual({ all: false, committeeIds: [fuzhouId] });
    expect(statsScope(people.xmEditor)).toBeNull();
    expect(statsScope(null)).toBeNull();
  });
});
