// A public change names exactly the pages it touches: the write path announces the report's
// page, its committee, its old and new 栏目 and the site-wide lists, inside the transaction; the
// listener then purges those tags from Varnish with one PURGE request.
import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { findFreePort } from "@/lib/db/ports";
import { PUBLIC_CHANGES_CHANNEL, parsePublicChange } from "@/lib/public/changes";
import { purgeSharedCache } from "@/lib/public/purge-shared-cache";
import { addColumns, createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let url: string;
let people: People;
let xiamenId: string;
let cmd: Commands;

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
  process.env.DATABASE_URL = url;
  ({ people, xiamenId } = await createWorld(db));
  await addColumns(db, ["工作综述", "党建动态"]);
  cmd = await loadCommands();
});
afterAll(() => db?.$disconnect());

async function announcements(run: () => Promise<unknown>): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const payloads: string[] = [];
  client.on("notification", (message) => payloads.push(message.payload ?? ""));
  await client.query(`LISTEN ${PUBLIC_CHANGES_CHANNEL}`);
  try {
    await run();
    const deadline = Date.now() + 10_000;
    while (payloads.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return payloads;
  } finally {
    await client.end();
  }
}

describe("public change tags", () => {
  it("names the report, its committee, the 栏目 it leaves and joins, and the site-wide lists", async () => {
    const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title: "栏目测试" } });
    const save = async (column: string) => {
      const { version } = await db.report.findUniqueOrThrow({ where: { id } });
      await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version, fields: { title: "栏目测试", column }, content: docOf("正文。") } });
    };
    await save("工作综述");
    await cmd.submitReport({ actor: people.xmEditor, reportId: id });
    const [first] = await announcements(() => cmd.approveReport({ actor: people.xmReviewer, reportId: id }));
    expect(parsePublicChange(first!).tags).toEqual(
      expect.arrayContaining([`report:${id}`, "committee:xiamen", `column:${encodeURIComponent("工作综述")}`, "home", "search", "feed", "sitemap"]),
    );

    // A new edition moves it to another 栏目: both are purged when it goes live.
    await cmd.startNewEdition({ actor: people.xmEditor, reportId: id });
    await save("党建动态");
    await cmd.submitReport({ actor: people.xmEditor, reportId: id });
    const [second] = await announcements(() => cmd.approveReport({ actor: people.xmReviewer, reportId: id }));
    const tags = parsePublicChange(second!).tags!;
    expect(tags).toContain(`column:${encodeURIComponent("工作综述")}`);
    expect(tags).toContain(`column:${encodeURIComponent("党建动态")}`);
    expect(tags.filter((tag) => tag.startsWith("committee:"))).toEqual(["committee:xiamen"]);
  });

  it("purges every public page when a committee's name changes, and the home page and 栏目 page when a 栏目 leaves the list", async () => {
    const { updateCommittee } = await import("@/lib/admin/commands/update-committee");
    const { setColumnArchived } = await import("@/lib/admin/commands/archive-column");
    const [renamed] = await announcements(() =>
      updateCommittee({ actor: people.admin, input: { committeeId: xiamenId, name: "厦门市直属机关工委", city: "厦门" } }),
    );
    expect(parsePublicChange(renamed!).tags).toEqual(["public"]);
    expect((await db.committee.findUniqueOrThrow({ where: { id: xiamenId } })).name).toBe("厦门市直属机关工委");

    const column = await db.column.findFirstOrThrow({ where: { committeeId: xiamenId, name: "党建动态" } });
    const [archived] = await announcements(() => setColumnArchived({ actor: people.admin, columnId: column.id, archived: true }));
    expect(parsePublicChange(archived!).tags).toEqual(["home", `column:${encodeURIComponent("党建动态")}`]);
    await setColumnArchived({ actor: people.admin, columnId: column.id, archived: false });
  });

  it("purges the tags from the shared cache in one PURGE request", async () => {
    const received: { method?: string; tags?: string }[] = [];
    const server = http.createServer((req, res) => {
      received.push({ method: req.method, tags: String(req.headers["xkey-purge"] ?? "") });
      res.writeHead(200).end();
    });
    const port = await findFreePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      expect(await purgeSharedCache(["report:a", "home"], `http://127.0.0.1:${port}/`)).toBe(true);
      expect(received).toEqual([{ method: "PURGE", tags: "report:a home" }]);
      // Without a configured Varnish there is nothing to do.
      expect(await purgeSharedCache(["home"], undefined)).toBe(false);
    } finally {
      server.close();
    }
  });
});
