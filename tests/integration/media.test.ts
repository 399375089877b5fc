import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { LocalStore, S3Store, type MediaStore } from "@/lib/media/storage";
import { handleDelete, handleList, handleUpdate, handleUpload, serveMedia } from "@/lib/media/http";
import { parseVariants } from "@/lib/media/variants";
import { MediaRefusal } from "@/lib/media/errors";
import { figureBytesFromLibrary } from "@/lib/media/export-figures";
import { freshDatabase } from "../support/test-database";
import type { TiptapDoc } from "@/lib/content/validate";
import { toReportFields } from "@/lib/reports/rules/fields";
import { findingKey, proofread } from "@/lib/reports/rules/proofreading";
import { createWorld, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { startS3Server, type S3TestServer } from "../support/s3-server";
import { bombPng, GPS_MARKER, photoJpeg, sidewaysJpegWithGps } from "../support/images";
import { storedFiles } from "../support/files";

let db: Db;
let people: People;
let xiamenId: string;
let fuzhouId: string;
let s3: S3TestServer;
let s3Store: S3Store;
let localDir: string;
let localStore: LocalStore;

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url; // the report commands use the app's own client
  ({ people, xiamenId, fuzhouId } = await createWorld(db));
  s3 = await startS3Server();
  s3Store = new S3Store({ endpoint: s3.endpoint, bucket: s3.bucket, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
  localDir = await fs.mkdtemp(path.join(os.tmpdir(), "media-local-"));
  localStore = new LocalStore(localDir);
});
afterAll(async () => {
  await s3?.close();
  await fs.rm(localDir, { recursive: true, force: true });
  await db?.$disconnect();
});

const read = async (store: MediaStore, key: string) => {
  const object = await store.get(key);
  return object ? { ...object, bytes: await buffer(object.body) } : null;
};

describe.each([
  ["LocalStore", () => localStore as MediaStore],
  ["S3Store against s3rver", () => s3Store as MediaStore],
])("%s", (_name, store) => {
  it("puts, gets, checks and deletes an object, also under a Chinese key", async () => {
    for (const [key, type] of [["ab/photo-960.jpg", "image/jpeg"], ["图片/株洲 党建活动-480.webp", "image/webp"]] as const) {
      const body = Buffer.from(`bytes of ${key}`);
      expect(await store().exists(key)).toBe(false);
      await store().put(key, body, type);
      expect(await store().exists(key)).toBe(true);
      const got = await read(store(), key);
      expect(got?.bytes.equals(body)).toBe(true);
      expect(got?.size).toBe(body.length);
      expect(got?.contentType).toBe(type);
      await store().delete(key);
      expect(await store().exists(key)).toBe(false);
      expect(await store().get(key)).toBeNull();
    }
  });

  it("refuses keys that would leave the store", async () => {
    await expect(store().put("../outside.jpg", Buffer.from("x"), "image/jpeg")).rejects.toThrow(/unsafe media key/);
    await expect(store().get("/etc/passwd")).rejects.toThrow(/unsafe media key/);
  });
});

it("the S3 client sends checksums only when required (S3-compatible servers reject the SDK default)", async () => {
  expect(await s3Store.client.config.requestChecksumCalculation()).toBe("WHEN_REQUIRED");
  expect(await s3Store.client.config.responseChecksumValidation()).toBe("WHEN_REQUIRED");
  await s3Store.put("checksum/probe.jpg", Buffer.from("probe"), "image/jpeg");
  const listed = await s3Store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: "checksum/" }));
  expect(listed.Contents?.map((object) => object.Key)).toEqual(["checksum/probe.jpg"]);
});

const MAX_BYTES = 2 * 1024 * 1024;

function uploadRequest(body: Buffer | null, committeeId: string, headers: Record<string, string> = {}) {
  return new Request(`http://cms.test/api/media?committeeId=${encodeURIComponent(committeeId)}`, {
    method: "POST",
    body: body ? new Uint8Array(body) : undefined,
    headers: { "content-type": "image/jpeg", ...headers },
  });
}

describe("upload route (POST /api/media) with a real database and the S3 store", () => {
  const deps = () => ({ db, store: s3Store as MediaStore, actor: people.xmEditor, maxBytes: MAX_BYTES });

  it("stores a phone photo upright, in AVIF, WebP and JPEG, without its GPS position or camera data", async () => {
    const original = await sidewaysJpegWithGps(400, 200);
    expect((await sharp(original).metadata()).orientation).toBe(6);
    expect(original.includes(Buffer.from(GPS_MARKER))).toBe(true);
    const response = await handleUpload(uploadRequest(original, xiamenId), deps());
    expect(response.status).toBe(201);
    const { media } = (await response.json()) as { media: { id: string; width: number; height: number; src: string } };
    // Stored 400×200 with orientation 6: upright it is 200 wide, 400 high.
    expect([media.width, media.height]).toEqual([200, 400]);
    const row = await db.media.findUniqueOrThrow({ where: { id: media.id } });
    expect(row.committeeId).toBe(xiamenId);
    expect(row.uploadedById).toBe(people.xmEditor.id);
    const variants = parseVariants(row.variants);
    expect(variants.map((v) => v.mimeType).sort()).toEqual(["image/avif", "image/jpeg", "image/webp"]);
    for (const variant of variants) {
      const file = await read(s3Store, variant.storageKey);
      expect(file, variant.storageKey).not.toBeNull();
      const meta = await sharp(file!.bytes).metadata();
      expect([meta.width, meta.height]).toEqual([200, 400]);
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(file!.bytes.includes(Buffer.from("TestCam"))).toBe(false);
      expect(file!.bytes.includes(Buffer.from(GPS_MARKER))).toBe(false);
    }
    // Upright: the red half of the stored pixels is now on top.
    const jpeg = variants.find((v) => v.mimeType === "image/jpeg")!;
    const { data } = await sharp((await read(s3Store, jpeg.storageKey))!.bytes).extract({ left: 100, top: 50, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[2]).toBeLessThan(60);

    // Served publicly under the content-hashed name, cached for a year.
    const served = await serveMedia(jpeg.storageKey, s3Store);
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect((await served.arrayBuffer()).byteLength).toBe(jpeg.bytes);
    expect(media.src).toBe(`/media/${jpeg.storageKey}`);
  });

  it("makes several widths of a large photo, never wider than the photo", async () => {
    const response = await handleUpload(uploadRequest(await photoJpeg(2000, 1500, { seed: 7 }), xiamenId), deps());
    expect(response.status).toBe(201);
    const { media } = (await response.json()) as { media: { id: string } };
    const row = await db.media.findUniqueOrThrow({ where: { id: media.id } });
    const widths = [...new Set(parseVariants(row.variants).map((v) => v.width))];
    expect(widths).toEqual([480, 720, 960, 1600]);
    expect(parseVariants(row.variants).find((v) => v.width === 960)?.height).toBe(720);
  });

  it("gives back the same item when the same photo is uploaded again in the committee", async () => {
    const photo = await photoJpeg(300, 200, { seed: 11 });
    const first = (await (await handleUpload(uploadRequest(photo, xiamenId), deps())).json()) as { media: { id: string } };
    const again = await handleUpload(uploadRequest(photo, xiamenId), deps());
    expect(again.status).toBe(200);
    expect(((await again.json()) as { media: { id: string }; reused: boolean })).toMatchObject({ media: { id: first.media.id }, reused: true });
    expect(await db.media.count({ where: { contentHash: (await db.media.findUniqueOrThrow({ where: { id: first.media.id } })).contentHash } })).toBe(1);
  });

  it("refuses someone outside the committee, and the signed out", async () => {
    const photo = await photoJpeg(64, 64, { seed: 3 });
    const outsider = await handleUpload(uploadRequest(photo, xiamenId), { ...deps(), actor: people.fzEditor });
    expect(outsider.status).toBe(404);
    const admin = await handleUpload(uploadRequest(photo, fuzhouId), { ...deps(), actor: people.admin });
    expect(admin.status).toBe(403);
    expect(((await admin.json()) as { error: string }).error).toMatch(/不是该发布单位的成员/);
    const signedOut = await handleUpload(uploadRequest(photo, xiamenId), { ...deps(), actor: null });
    expect(signedOut.status).toBe(401);
    // A stranger's body is not even read.
    let pulled = false;
    const unread = new ReadableStream<Uint8Array>({
      pull() {
        pulled = true;
        throw new Error("the body of a refused upload was read");
      },
    }, { highWaterMark: 0 }); // pulled only when someone reads
    const stranger = await handleUpload(new Request(`http://cms.test/api/media?committeeId=${xiamenId}`, { method: "POST", body: unread, duplex: "half" } as RequestInit), {
      ...deps(),
      actor: people.fzEditor,
    });
    expect(stranger.status).toBe(404);
    expect(pulled).toBe(false);
  });
});

describe("bad input: a clear Chinese refusal, a 4xx, and nothing stored", () => {
  let dir: string;
  let store: LocalStore;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "media-refusals-"));
    store = new LocalStore(dir);
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const cases: Array<[string, () => Promise<Buffer> | Buffer, number, RegExp]> = [
    ["an HTML page named .jpg", () => Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), 415, /网页（HTML）/],
    ["an SVG", () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'), 415, /SVG/],
    ["a truncated JPEG", async () => (await photoJpeg(800, 600, { seed: 5 })).subarray(0, 20_000), 422, /损坏或不完整/],
    ["a corrupt PNG", () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("garbage garbage garbage")]), 422, /损坏或不完整/],
    ["an encrypted file", () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff)), 415, /无法识别该文件/],
    ["a zip bomb", () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(1000)]), 415, /压缩包/],
    ["a PNG declaring 30000×30000 pixels", () => bombPng(30000, 30000), 413, /30000×30000/],
    ["a file over the size limit", () => Buffer.alloc(MAX_BYTES + 1, 0xff), 413, /超过 2 MB/],
    ["an empty body", () => Buffer.alloc(0), 400, /没有收到文件/],
  ];

  it.each(cases)("%s", async (_name, make, status, message) => {
    const before = await db.media.count();
    const response = await handleUpload(uploadRequest(await make(), xiamenId), { db, store, actor: people.xmEditor, maxBytes: MAX_BYTES });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(message);
    expect(body.error).toMatch(/[\u4e00-\u9fff]/);
    expect(await db.media.count()).toBe(before);
    expect(await storedFiles(dir)).toEqual([]);
  });

  it("stops reading a body that goes over the limit without a Content-Length", async () => {
    let sent = 0;
    const chunk = Buffer.alloc(256 * 1024, 0xff);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`http://cms.test/api/media?committeeId=${xiamenId}`, { method: "POST", body: endless, duplex: "half" } as RequestInit);
    const response = await handleUpload(request, { db, store, actor: people.xmEditor, maxBytes: MAX_BYTES });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(MAX_BYTES + 4 * chunk.length);
    expect(await storedFiles(dir)).toEqual([]);
  });
});

describe("a media store that cannot be reached", () => {
  // A bucket the S3 server does not have, and an S3 endpoint where nothing listens.
  const unreachable = (): [string, MediaStore][] => [
    ["a missing bucket", new S3Store({ endpoint: s3.endpoint, bucket: "no-such-bucket", accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey })],
    ["a server that is down", new S3Store({ endpoint: "http://127.0.0.1:9", bucket: s3.bucket, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey })],
  ];

  it("answers an upload with 503 and a Chinese message, stores nothing, and a later upload works", async () => {
    for (const [name, store] of unreachable()) {
      const before = await db.media.count();
      const photo = await photoJpeg(320, 240, { seed: name.length });
      const response = await handleUpload(uploadRequest(photo, xiamenId), { db, store, actor: people.xmEditor, maxBytes: MAX_BYTES });
      expect(response.status, name).toBe(503);
      expect(((await response.json()) as { error: string }).error).toContain("图片存储暂时无法访问");
      expect(await db.media.count(), name).toBe(before);
      // Once the store is back, the same photo goes in.
      const again = await handleUpload(uploadRequest(photo, xiamenId), { db, store: s3Store, actor: people.xmEditor, maxBytes: MAX_BYTES });
      expect(again.status, name).toBe(201);
    }
  });

  it("refuses a Word export with 503 rather than leaving the photos out unnoticed", async () => {
    const uploaded = await handleUpload(uploadRequest(await photoJpeg(300, 200, { seed: 77 }), xiamenId), { db, store: s3Store, actor: people.xmEditor, maxBytes: MAX_BYTES });
    const { media } = (await uploaded.json()) as { media: { id: string } };
    const working = figureBytesFromLibrary({ db, store: s3Store, committeeId: xiamenId });
    expect((await working({ src: "", mediaId: media.id }))?.type).toBe("jpg");
    for (const [name, store] of unreachable()) {
      const figureBytes = figureBytesFromLibrary({ db, store, committeeId: xiamenId });
      const error = await figureBytes({ src: "", mediaId: media.id }).then(() => null, (e: unknown) => e);
      expect(error, name).toBeInstanceOf(MediaRefusal);
      expect((error as MediaRefusal).status).toBe(503);
      expect((error as MediaRefusal).message).toContain("导出的 Word 会缺少图片");
    }
  });

  it("answers a reader's photo request with 503 that no cache keeps, not an error page", async () => {
    const key = "ab/" + "ab".repeat(32) + "-320.jpg";
    for (const [name, store] of unreachable()) {
      const served = await serveMedia(key, store);
      expect(served.status, name).toBe(503);
      expect(served.headers.get("cache-control")).toBe("no-store");
      expect(await served.text()).toContain("图片暂时无法显示");
    }
  });
});

describe("library: list, edit, delete", () => {
  const deps = () => ({ db, store: s3Store as MediaStore, actor: people.xmEditor });

  it("finds items by caption, credit or date, edits their texts, refuses to delete one in use and names the reports", async () => {
    const uploaded = (await (await handleUpload(uploadRequest(await photoJpeg(320, 240, { seed: 21 }), xiamenId), deps())).json()) as {
      media: { id: string; src: string; variants: Array<{ storageKey: string }> };
    };
    const id = uploaded.media.id;
    const patch = await handleUpdate(
      new Request(`http://cms.test/api/media/${id}`, { method: "PATCH", body: JSON.stringify({ alt: "党员志愿者在社区服务", caption: "鼓浪屿志愿服务现场", credit: "本报记者 黄晓珍 摄" }) }),
      id,
      deps(),
    );
    expect(patch.status).toBe(200);

    const list = async (query: string) =>
      ((await (await handleList(new Request(`http://cms.test/api/media?committeeId=${xiamenId}&${query}`), deps())).json()) as { items: Array<{ id: string }> }).items.map((item) => item.id);
    expect(await list(`q=${encodeURIComponent("鼓浪屿")}`)).toEqual([id]);
    expect(await list(`q=${encodeURIComponent("黄晓珍")}`)).toEqual([id]);
    expect(await list(`q=${encodeURIComponent("不存在的说明")}`)).toEqual([]);
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    expect(await list(`from=${today}&to=${today}`)).toContain(id);
    expect(await list(`to=2020-01-01`)).toEqual([]);
    const outsider = await handleList(new Request(`http://cms.test/api/media?committeeId=${xiamenId}`), { ...deps(), actor: people.fzEditor });
    expect(outsider.status).toBe(404);

    const report = await db.report.create({
      data: {
        committeeId: xiamenId,
        authorId: people.xmEditor.id,
        title: "厦门市直机关志愿服务纪实",
        content: { type: "doc", content: [{ type: "figure", attrs: { src: uploaded.media.src, alt: null, caption: null, credit: null, mediaId: id } }] },
      },
    });
    const cover = await db.report.create({ data: { committeeId: xiamenId, authorId: people.xmEditor.id, title: "封面稿件", content: { type: "doc", content: [] }, coverImageId: id } });
    const refused = await handleDelete(id, deps());
    expect(refused.status).toBe(409);
    const { error } = (await refused.json()) as { error: string };
    expect(error).toContain("《厦门市直机关志愿服务纪实》");
    expect(error).toContain("《封面稿件》");
    expect(await db.media.count({ where: { id } })).toBe(1);

    await db.report.delete({ where: { id: report.id } });
    await db.report.delete({ where: { id: cover.id } });
    const deleted = await handleDelete(id, deps());
    expect(deleted.status).toBe(204);
    expect(await db.media.count({ where: { id } })).toBe(0);
    for (const variant of uploaded.media.variants) expect(await s3Store.exists(variant.storageKey)).toBe(false);
  });
});

it("serves nothing for names that are not renditions", async () => {
  expect((await serveMedia("../../etc/passwd", localStore)).status).toBe(404);
  expect((await serveMedia(`ab/${"a".repeat(64)}-960.jpg`, localStore)).status).toBe(404);
});

describe("publishing a photo report", () => {
  let cmd: Commands;
  beforeAll(async () => {
    cmd = await loadCommands();
  });

  it("is refused while a figure has no alt text; once it has, the page gets <picture> with width and height", async () => {
    const uploaded = (await (await handleUpload(uploadRequest(await photoJpeg(1200, 800, { seed: 42 }), xiamenId), { db, store: s3Store, actor: people.xmEditor })).json()) as {
      media: { id: string; src: string };
    };
    const figure = (alt: string | null) => ({ type: "figure", attrs: { src: uploaded.media.src, alt, caption: "机关党员参加志愿服务", credit: "本报记者 黄晓珍 摄", mediaId: uploaded.media.id } });
    const missing = { type: "figure", attrs: { src: "", alt: null, caption: "待补的第二张图", credit: null, mediaId: null } };
    const body = (alt: string | null) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "学习贯彻党的二十大精神。" }] }, figure(alt), missing] });
    const title = "厦门市直机关志愿服务图片报道";
    const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title } });
    let saved = await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title }, content: body(null) } });
    await cmd.submitReport({ actor: people.xmEditor, reportId: id, expectedVersion: saved.version });
    await expect(cmd.approveReport({ actor: people.xmReviewer, reportId: id })).rejects.toThrow("有 1 张图片缺少替代文字");
    expect((await db.report.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");

    await cmd.withdrawReport({ actor: people.xmEditor, reportId: id });
    const version = (await db.report.findUniqueOrThrow({ where: { id } })).version;
    saved = await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version, fields: { title }, content: body("党员志愿者为居民义诊") } });
    await cmd.submitReport({ actor: people.xmEditor, reportId: id, expectedVersion: saved.version });
    // The photo still to come is a proofreading warning, acknowledged to publish without it.
    const row = await db.report.findUniqueOrThrow({ where: { id } });
    const warnings = proofread({ fields: toReportFields(row), content: row.content as TiptapDoc }).filter((f) => f.severity === "warning");
    expect(warnings.map((f) => f.rule)).toContain("structure.figure-no-image");
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id, acknowledgement: { keys: warnings.map(findingKey), reason: "第二张图稍后补上" } });
    const published = await db.report.findUniqueOrThrow({ where: { id }, include: { liveRevision: true } });
    expect(published.status).toBe("PUBLISHED");
    const html = published.liveRevision!.html;
    expect(html).toContain('<source type="image/avif"');
    expect(html).toContain('<source type="image/webp"');
    expect(html).toMatch(/<img src="\/media\/[^"]+-960\.jpg" srcset="[^"]+" sizes="[^"]+" width="1200" height="800" alt="党员志愿者为居民义诊"/);
    // The photo still to come is its caption only.
    expect(html).toContain('<figure class="report-figure is-missing"><figcaption><span class="caption">待补的第二张图</span></figcaption></figure>');
  });
});

describe("cover image", () => {
  it("is set from the report's own committee only, and becomes a list thumbnail and the og:image", async () => {
    const { setReportCover } = await import("@/lib/media/commands/cover");
    const { loadCovers } = await import("@/lib/media/covers");
    const { reportMetadata } = await import("@/lib/public/report-metadata");
    const upload = async (committeeId: string, actor: typeof people.xmEditor, seed: number) =>
      ((await (await handleUpload(uploadRequest(await photoJpeg(1800, 1200, { seed }), committeeId), { db, store: localStore, actor })).json()) as { media: { id: string } }).media.id;
    const ours = await upload(xiamenId, people.xmEditor, 77);
    const theirs = await upload(fuzhouId, people.fzEditor, 78);
    const report = await db.report.create({ data: { committeeId: xiamenId, authorId: people.xmEditor.id, title: "封面测试", content: { type: "doc", content: [] } } });

    await expect(setReportCover({ db, actor: people.xmEditor, reportId: report.id, mediaId: theirs })).rejects.toThrow("封面图片须来自本发布单位的图片库");
    await expect(setReportCover({ db, actor: people.fzEditor, reportId: report.id, mediaId: theirs })).rejects.toMatchObject({ status: 404 });
    await setReportCover({ db, actor: people.xmEditor, reportId: report.id, mediaId: ours });
    expect((await db.report.findUniqueOrThrow({ where: { id: report.id } })).coverImageId).toBe(ours);

    const cover = (await loadCovers(db, [ours])).get(ours)!;
    expect(cover).toMatchObject({ thumbWidth: 480, thumbHeight: 320, largeWidth: 1600, largeHeight: 1067 });
    expect(cover.thumbSrc).toMatch(/^\/media\/[0-9a-f]{2}\/[0-9a-f]{64}-480\.jpg$/);
    const metadata = reportMetadata({
      id: report.id,
      title: "封面测试",
      subtitle: "",
      byline: "",
      summary: "",
      column: "",
      plainText: "正文",
      publishedAt: new Date(),
      committee: { slug: "xiamen", name: "厦门市直机关工委" },
      cover,
    });
    expect(JSON.stringify(metadata.openGraph)).toContain(`${cover.largeSrc}`);
    expect(JSON.stringify(metadata.openGraph)).toContain('"width":1600');
  });
});
