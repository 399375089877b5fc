import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { CommandError } from "@/lib/reports/errors";
import { freshDatabase } from "../support/test-database";
import { createWorld, type People } from "../support/workflow-fixture";

let db: Db;
let people: People;
let xiamenId: string;
let commands: typeof import("@/lib/reports/commands/import-report");

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId } = await createWorld(db));
  commands = await import("@/lib/reports/commands/import-report");
});
afterAll(() => db.$disconnect());

describe("importReport", () => {
  it("creates a draft with the recognised fields, figures waiting for photos and an IMPORT revision", async () => {
    const bytes = readFileSync("prisma/seed-data/samples/xiamen-2022.txt");
    const imported = await commands.readImport(bytes, { fileName: "xiamen-2022.txt" });
    const { id, warnings } = await commands.importReport({ actor: people.xmEditor, committeeId: xiamenId, imported });

    const report = await db.report.findUniqueOrThrow({ where: { id }, include: { revisions: true, events: true } });
    expect(report.status).toBe("DRAFT");
    expect(report.title).toBe("凝心铸魂担使命 踔厉奋发谱新篇");
    expect(report.subtitle).toBe("市直机关持续兴起学习宣传贯彻党的二十大精神热潮");
    expect(report.revisions.map((revision) => revision.reason)).toEqual(["IMPORT"]);
    expect(report.revisions[0]!.title).toBe(report.title);
    expect(report.events.map((event) => event.action)).toEqual(["CREATE"]);
    const figures = ((report.content as { content: Array<{ type: string; attrs?: { src: unknown } }> }).content ?? []).filter((node) => node.type === "figure");
    expect(figures).toHaveLength(5);
    expect(figures.every((figure) => figure.attrs?.src === null)).toBe(true);
    expect(report.html).toContain("report-figure is-missing");
    expect(warnings.some((warning) => warning.includes("图片说明"))).toBe(true);
  });

  it("refuses a person outside the committee and a bad file, creating nothing", async () => {
    const before = await db.report.count();
    const imported = await commands.readImport(Buffer.from("# 标题\n\n正文。\n"), { fileName: "a.txt" });
    await expect(commands.importReport({ actor: people.fzEditor, committeeId: xiamenId, imported })).rejects.toBeInstanceOf(CommandError);
    const error = await commands.readImport(Buffer.from("<html></html>"), { fileName: "a.docx" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).status).toBe(422);
    expect((error as CommandError).message).toMatch(/无法导入/u);
    expect(await db.report.count()).toBe(before);
  });
});
