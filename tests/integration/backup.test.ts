// `npm run backup` and `npm run restore` as a person runs them: the real scripts, in a
// project folder of their own (a temporary one, with the embedded cluster in .data/postgres
// and media in .data/media), against the embedded PostgreSQL running as the site's would.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import pg from "pg";
import tarStream from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { findFreePort } from "@/lib/db/ports";
import { seedDemoData } from "@/prisma/seed";
import { startClusterProcess, type ClusterProcess } from "../support/embedded-cluster";

const REPO = process.cwd();
const TSX = createRequire(import.meta.url).resolve("tsx/cli");

let root: string;
let dataDir: string;
let mediaDir: string;
let backupsDir: string;
let port: number;
let cluster: ClusterProcess | undefined;
let archive: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cms-backup-test-"));
  fs.chmodSync(root, 0o755); // the postgres user must traverse it when we run as root
  dataDir = path.join(root, ".data", "postgres");
  mediaDir = path.join(root, ".data", "media");
  backupsDir = path.join(root, ".data", "backups");
  port = await findFreePort();
  cluster = await startClusterProcess(dataDir, port);
  await applyMigrations(cluster.url("cms"));
  const db = createPrismaClient(cluster.url("cms"), { max: 2 });
  try {
    await seedDemoData(db);
  } finally {
    await db.$disconnect();
  }
  // Media as an upload store would keep it: nested folders, binary content, Chinese names.
  const files: Record<string, Buffer> = {
    "2026/11/3f9a-photo.jpg": crypto.randomBytes(700_000),
    "2026/12/会议纪要.pdf": crypto.randomBytes(40_000),
    "2026/12/empty.txt": Buffer.alloc(0),
    "logo.png": crypto.randomBytes(5_000),
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(mediaDir, name)), { recursive: true });
    fs.writeFileSync(path.join(mediaDir, name), content);
  }
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("npm run backup / npm run restore on the embedded database", () => {
  let before: Snapshot;
  let mediaBefore: Record<string, string>;
  let probeRowsBeforeBackup = 0;

  it("backs up while the site runs and writes are going on", async () => {
    before = await snapshot(cluster!.url("cms"));
    mediaBefore = checksums(mediaDir);
    expect(before.rows.Report!.length).toBeGreaterThanOrEqual(5);
    expect(before.rows.Revision!.length).toBeGreaterThanOrEqual(5);
    expect(before.rows.WorkflowEvent!.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(mediaBefore)).toHaveLength(4);

    // A writer commits numbered rows throughout the backup: the restored copy must hold an
    // unbroken prefix of them, at least those committed before the backup began.
    const probe = new pg.Client({ connectionString: cluster!.url("postgres") });
    await probe.connect();
    await probe.query("CREATE TABLE backup_probe (n integer PRIMARY KEY)");
    let next = 1;
    let writing = true;
    const writer = (async () => {
      while (writing) await probe.query("INSERT INTO backup_probe VALUES ($1)", [next++]);
    })();
    while (next < 50) await new Promise((resolve) => setTimeout(resolve, 10));
    const committedBeforeBackup = next - 1;

    const result = await run("backup");
    writing = false;
    await writer;
    await probe.end();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("online, site running");

    const archives = fs.readdirSync(backupsDir);
    expect(archives).toHaveLength(1);
    expect(archives[0]).toMatch(/^cms-backup-\d{8}T\d{6}Z\.tar\.gz$/);
    archive = path.join(backupsDir, archives[0]!);
    console.log(`[backup.test] ${result.stdout.trim().split("\n").filter((l) => /size|time/.test(l)).join(" | ")}`);

    const manifest = JSON.parse((await readEntries(archive)).get("manifest.json")!.toString()) as {
      postgres: { major: number; walSegments: string[] };
      media: { included: boolean; files: number };
      files: { path: string }[];
    };
    expect(manifest.postgres.major).toBe(18);
    expect(manifest.postgres.walSegments.length).toBeGreaterThan(0);
    expect(manifest.media).toMatchObject({ included: true, files: 4 });
    expect(manifest.files.map((f) => f.path)).toContain("postgres/backup_label");
    expect(manifest.files.map((f) => f.path)).not.toContain("postgres/postmaster.pid");

    probeRowsBeforeBackup = committedBeforeBackup;
  }, 120_000);

  it("refuses to restore while the site is running, and changes nothing", async () => {
    const result = await run("restore", archive);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("网站正在运行");
    expect(result.stderr).toContain("The site is running");
    expect(leftovers()).toEqual([]);
    expect((await snapshot(cluster!.url("cms"))).rows.Report).toEqual(before.rows.Report);
  }, 120_000);

  it("restores every report, revision, workflow event and media file after they were destroyed", async () => {
    const db = new pg.Client({ connectionString: cluster!.url("cms") });
    await db.connect();
    await db.query(`TRUNCATE "Report", "Revision", "WorkflowEvent" CASCADE`);
    await db.query(`UPDATE "User" SET "displayName" = 'destroyed'`);
    await db.end();
    fs.rmSync(path.join(mediaDir, "2026"), { recursive: true });
    fs.writeFileSync(path.join(mediaDir, "logo.png"), "overwritten");
    fs.writeFileSync(path.join(mediaDir, "stray.txt"), "not in the backup");
    await cluster!.stop();

    const result = await run("restore", archive);
    expect(result.code, result.stderr).toBe(0);
    console.log(`[backup.test] ${result.stdout.trim().split("\n").filter((l) => /time/.test(l)).join(" | ")}`);
    // The destroyed state was moved aside, not deleted.
    const aside = fs.readdirSync(path.join(root, ".data")).filter((name) => name.includes(".before-restore-"));
    expect(aside.sort()).toEqual([expect.stringMatching(/^media\.before-restore-/), expect.stringMatching(/^postgres\.before-restore-/)]);
    expect(fs.existsSync(path.join(root, ".data", aside.find((n) => n.startsWith("media"))!, "stray.txt"))).toBe(true);
    expect(leftovers()).toEqual([]);

    cluster = await startClusterProcess(dataDir, port);
    const after = await snapshot(cluster.url("cms"));
    expect(after.rows.Report).toEqual(before.rows.Report);
    expect(after.rows.Revision).toEqual(before.rows.Revision);
    expect(after.rows.WorkflowEvent).toEqual(before.rows.WorkflowEvent);
    expect(after.tables).toEqual(before.tables);
    expect(checksums(mediaDir)).toEqual(mediaBefore);

    const probe = new pg.Client({ connectionString: cluster.url("postgres") });
    await probe.connect();
    const { rows } = await probe.query<{ n: number }>("SELECT n FROM backup_probe ORDER BY n");
    await probe.end();
    console.log(`[backup.test] probe rows: ${probeRowsBeforeBackup} before the backup began, ${rows.length} restored`);
    expect(rows.length).toBeGreaterThanOrEqual(probeRowsBeforeBackup);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
  }, 120_000);

  describe("refuses an archive it cannot trust, and changes nothing", () => {
    let fingerprint: string;
    beforeAll(async () => {
      await cluster!.stop();
      fingerprint = fingerprintOfData();
    }, 120_000);

    async function expectRefused(file: string, messages: string[]) {
      const result = await run("restore", file);
      expect(result.code).toBe(1);
      for (const message of messages) expect(result.stderr).toContain(message);
      expect(leftovers()).toEqual([]);
      expect(fingerprintOfData()).toBe(fingerprint);
    }

    it("with bytes changed in the middle", async () => {
      const file = path.join(root, "flipped.tar.gz");
      const bytes = fs.readFileSync(archive);
      for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length / 2) + i]! ^= 0xff;
      fs.writeFileSync(file, bytes);
      await expectRefused(file, ["已损坏", "is corrupt or incomplete", "nothing was changed"]);
    }, 120_000);

    it("cut short", async () => {
      const file = path.join(root, "truncated.tar.gz");
      const bytes = fs.readFileSync(archive);
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
      await expectRefused(file, ["已损坏", "is corrupt or incomplete"]);
    }, 120_000);

    it("with a data file altered inside a well-formed archive", async () => {
      const file = path.join(root, "altered.tar.gz");
      await repack(archive, file, (name, content) =>
        name === "postgres/PG_VERSION" ? Buffer.from("18\n\n") : content,
      );
      await expectRefused(file, ["已损坏", "postgres/PG_VERSION does not match its checksum"]);
    }, 120_000);

    it("without the WAL that makes the copy consistent (PostgreSQL itself refuses it)", async () => {
      const file = path.join(root, "no-wal.tar.gz");
      const isSegment = (name: string) => /^postgres\/pg_wal\/[0-9A-F]{24}$/.test(name);
      await repack(archive, file, (name, content) => {
        if (isSegment(name)) return null;
        if (name !== "manifest.json") return content;
        const manifest = JSON.parse(content.toString()) as { files: { path: string }[] };
        manifest.files = manifest.files.filter((f) => !isSegment(f.path));
        return Buffer.from(JSON.stringify(manifest));
      });
      await expectRefused(file, ["恢复出的数据库无法启动", "The restored database did not start; nothing was changed"]);
    }, 120_000);

    it("made by another PostgreSQL major version", async () => {
      const file = path.join(root, "pg17.tar.gz");
      await repack(archive, file, (name, content) => {
        if (name !== "manifest.json") return content;
        const manifest = JSON.parse(content.toString()) as { postgres: { major: number } };
        manifest.postgres.major = 17;
        return Buffer.from(JSON.stringify(manifest));
      });
      await expectRefused(file, ["该备份来自 PostgreSQL 17", "The backup was made by PostgreSQL 17", "Nothing was changed"]);
    }, 120_000);
  });
});

describe("npm run backup while the site is stopped", () => {
  it("starts the embedded PostgreSQL for the backup, stops it, and the backup restores", async () => {
    await cluster!.stop();
    const before = fs.readdirSync(backupsDir);
    const backup = await run("backup");
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain("site not running");
    expect(fs.existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
    const made = fs.readdirSync(backupsDir).filter((name) => !before.includes(name));
    expect(made).toHaveLength(1);

    const restore = await run("restore", path.join(backupsDir, made[0]!));
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/Report \d+, Revision \d+, WorkflowEvent \d+/);
  }, 120_000);
});

interface Snapshot {
  /** Every row of the tables the issue names, by primary key */
  rows: Record<string, unknown[]>;
  /** Every table of the schema: row count and a digest of all its rows */
  tables: Record<string, { count: number; digest: string | null }>;
}

async function snapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows: Snapshot["rows"] = {};
    for (const table of ["Report", "Revision", "WorkflowEvent"]) {
      rows[table] = (await client.query(`SELECT * FROM "${table}" ORDER BY id`)).rows;
    }
    const tables: Snapshot["tables"] = {};
    const names = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    for (const { table_name: name } of names.rows) {
      const { rows: digest } = await client.query<{ count: string; digest: string | null }>(
        `SELECT count(*)::text AS count, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM "${name}" t`,
      );
      tables[name] = { count: Number(digest[0]!.count), digest: digest[0]!.digest };
    }
    return { rows, tables };
  } finally {
    await client.end();
  }
}

/** SHA-256 of every file under `dir`, by relative path. */
function checksums(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, full)] = crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex");
  }
  return result;
}

/** What is in .data (names) and every file of the data and media directories (checksums). */
function fingerprintOfData(): string {
  return JSON.stringify({
    data: fs.readdirSync(path.join(root, ".data")).sort(),
    postgres: checksums(dataDir),
    media: checksums(mediaDir),
  });
}

/** Staging folders a restore must never leave behind. */
function leftovers(): string[] {
  return fs.readdirSync(path.join(root, ".data")).filter((name) => name.includes(".restoring-"));
}

function run(script: "backup" | "restore", ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MEDIA_DIR;
  delete env.BACKUP_DIR;
  const child = spawn(process.execPath, [TSX, path.join(REPO, "scripts", `${script}.ts`), ...args], { cwd: root, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const extract = tarStream.extract();
  const reading = pipeline(fs.createReadStream(file), zlib.createGunzip(), extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    entries.set(entry.header.name, Buffer.concat(chunks));
  }
  await reading;
  return entries;
}

/** Rewrites an archive entry by entry, as someone tampering with it would. */
async function repack(source: string, target: string, change: (name: string, content: Buffer) => Buffer | null) {
  const pack = tarStream.pack();
  const writing = pipeline(pack, zlib.createGzip(), fs.createWriteStream(target));
  const extract = tarStream.extract();
  const reading = pipeline(fs.createReadStream(source), zlib.createGunzip(), extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const { name, type, mode } = entry.header;
    if (type === "directory") {
      await new Promise<void>((resolve, reject) => pack.entry({ name, type, mode }, (e) => (e ? reject(e) : resolve())));
    } else {
      const content = change(name, Buffer.concat(chunks));
      if (content === null) continue;
      await new Promise<void>((resolve, reject) => pack.entry({ name, type, mode }, content, (e) => (e ? reject(e) : resolve())));
    }
  }
  await reading;
  pack.finalize();
  await writing;
}
