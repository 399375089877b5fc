// A report's figures may only show its own committee's library items, and a library item in use
// is never deleted, however the deletion and the placing of a figure interleave.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { TiptapDoc } from "@/lib/content/validate";
import { deleteMedia, discardUnusedMedia, uploadMedia } from "@/lib/media/commands/media";
import { LocalStore } from "@/lib/media/storage";
import { CommandError } from "@/lib/reports/errors";
import { freshDatabase } from "../support/test-database";
import { photoJpeg } from "../support/images";
import { createWorld, loadCommands, type Commands, type People } from "../support/workflow-fixture";

let db: Db;
let url: string;
let people: People;
let xiamenId: string;
let fuzhouId: string;
let cmd: Commands;
let dir: string;
let store: LocalStore;
let seed = 100;

beforeAll(async () => {
  const fresh = await freshDatabase();
  ({ db, url } = fresh);
  process.env.DATABASE_URL = url;
  ({ people, xiamenId, fuzhouId } = await createWorld(db));
  cmd = await loadCommands();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "media-integrity-"));
  store = new LocalStore(dir);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await db?.$disconnect();
});

async function photo(committeeId = xiamenId, actor = people.xmEditor) {
  const { media } = await uploadMedia({ db, store, actor, committeeId, bytes: await photoJpeg(320, 240, { seed: seed++ }) });
  return media;
}

const withFigure = (media: { id: string; src: string }): TiptapDoc => ({
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "机关党员走进社区。" }] },
    { type: "figure", attrs: { src: media.src, alt: "志愿服务", caption: "志愿服务现场", credit: null, mediaId: media.id } },
  ],
});

async function draft(title: string) {
  const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title } });
  return id;
}

const save = (reportId: string, content: TiptapDoc, expectedVersion = 1) =>
  cmd.saveDraft({ actor: people.xmEditor, reportId, input: { expectedVersion, fields: { title: "稿件" }, content } });

describe("a figure's library item belongs to the report's committee", () => {
  it("refuses a save whose figure points at another committee's photo or at no photo at all, changing nothing", async () => {
    const theirs = await photo(fuzhouId, people.fzEditor);
    const reportId = await draft("伪造图片编号");
    for (const forged of [theirs, { id: "c0000000000000000000000000", src: theirs.src }]) {
      const error = await save(reportId, withFigure(forged)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CommandError);
      expect((error as CommandError).status).toBe(422);
      expect((error as CommandError).message).toBe("正文中有 1 张图片不在本发布单位的图片库中（可能已被删除或属于其他发布单位），请删除这些图片后从本单位图片库选择或重新上传");
    }
    const report = await db.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(report.version).toBe(1);
    expect(JSON.stringify(report.content)).not.toContain(theirs.id);

    const ours = await photo();
    await save(reportId, withFigure(ours));
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).html).toContain(`data-media-id="${ours.id}"><picture>`);
  });
});

describe("discarding the photos of an import whose draft could not be created", () => {
  it("removes the items nobody uses, with their files, and keeps one that came into use meanwhile", async () => {
    const unused = await photo();
    const used = await photo();
    const reportId = await draft("导入期间被使用的图片");
    await save(reportId, withFigure(used));
    await discardUnusedMedia({ db, store, ids: [unused.id, used.id] });
    expect((await db.media.findMany({ where: { id: { in: [unused.id, used.id] } } })).map((row) => row.id)).toEqual([used.id]);
    expect(await store.exists(unused.src.slice("/media/".length))).toBe(false);
    expect(await store.exists(used.src.slice("/media/".length))).toBe(true);
  });
});

/** Backends of this database waiting for a lock. */
async function lockWaiters(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()`,
  );
  return Number(rows[0]!.count);
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function settledFlag<T>(promise: Promise<T>) {
  const state = { settled: false };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

/** Figures of reports that point at a library item that does not exist. */
async function danglingFigures(): Promise<number> {
  const reports = await db.report.findMany({ select: { content: true } });
  const ids = new Set((await db.media.findMany({ select: { id: true } })).map((row) => row.id));
  return reports.flatMap((report) => ((report.content as TiptapDoc).content ?? []).filter((node) => node.type === "figure" && node.attrs?.mediaId && !ids.has(node.attrs.mediaId as string))).length;
}

describe("deleting a library item while a figure is placed", () => {
  let holder: pg.Client;
  let watcher: pg.Client;
  beforeAll(async () => {
    holder = new pg.Client({ connectionString: url });
    watcher = new pg.Client({ connectionString: url });
    await Promise.all([holder.connect(), watcher.connect()]);
    await holder.query(`INSERT INTO "AuditChainHead" ("id", "sequence", "hash") VALUES (1, 0, '') ON CONFLICT ("id") DO NOTHING`);
  });
  afterAll(async () => {
    await holder?.end();
    await watcher?.end();
  });

  it("a save placing the photo after the deletion checked for users finds it gone", async () => {
    const media = await photo();
    const reportId = await draft("删除与保存同时发生 一");
    // Hold the audit chain: the deletion stops after its check, just before it commits.
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "AuditChainHead" WHERE id = 1 FOR UPDATE`);
    const deletion = deleteMedia({ db, store, actor: people.xmEditor, id: media.id });
    await until(async () => (await lockWaiters(watcher)) >= 1, "the deletion to wait");
    const saving = save(reportId, withFigure(media));
    const saved = settledFlag(saving);
    // Either the save waits for the deletion, or (without the lock) it goes through at once.
    await until(async () => saved.settled || (await lockWaiters(watcher)) >= 2, "the save to wait or finish");
    await holder.query("COMMIT");
    const [deleted, stored] = await Promise.allSettled([deletion, saving]);

    expect(deleted.status).toBe("fulfilled");
    expect(stored.status).toBe("rejected");
    expect((stored as PromiseRejectedResult).reason).toMatchObject({ status: 422 });
    expect(await db.media.count({ where: { id: media.id } })).toBe(0);
    expect(await danglingFigures()).toBe(0);
  });

  it("a deletion checking for users while the save is placing the photo waits and is refused", async () => {
    const media = await photo();
    const reportId = await draft("删除与保存同时发生 二");
    // Hold the report row: the save has locked the photo and waits to write the report.
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "Report" WHERE id = $1 FOR UPDATE`, [reportId]);
    const saving = save(reportId, withFigure(media));
    await until(async () => (await lockWaiters(watcher)) >= 1, "the save to wait");
    const deletion = deleteMedia({ db, store, actor: people.xmEditor, id: media.id });
    const deleted = settledFlag(deletion);
    await until(async () => deleted.settled || (await lockWaiters(watcher)) >= 2, "the deletion to wait or finish");
    await holder.query("COMMIT");
    const [stored, removal] = await Promise.allSettled([saving, deletion]);

    expect(stored.status).toBe("fulfilled");
    expect(removal.status).toBe("rejected");
    expect((removal as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: "IN_USE" });
    expect((removal as PromiseRejectedResult).reason.message).toContain("《稿件》");
    expect(await db.media.count({ where: { id: media.id } })).toBe(1);
    expect(await danglingFigures()).toBe(0);
  });

  it("left to race freely, never leaves a figure without its library item", async () => {
    for (let round = 0; round < 6; round++) {
      const media = await photo();
      const reportId = await draft(`自由竞争 ${round}`);
      const [stored, deleted] = await Promise.allSettled([save(reportId, withFigure(media)), deleteMedia({ db, store, actor: people.xmEditor, id: media.id })]);
      expect([stored.status, deleted.status].sort()).toEqual(["fulfilled", "rejected"]);
    }
    expect(await danglingFigures()).toBe(0);
  });
});
