// No acknowledged save is lost when the app or PostgreSQL is killed with SIGKILL mid-save: a
// real embedded cluster on its own data directory, a child process saving through the real
// command, `kill -9` of PostgreSQL and of the app while saves are in flight, a restart (crash
// recovery from the WAL), and the last acknowledged text is there.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { findFreePort } from "@/lib/db/ports";
import { startClusterProcess, type ClusterProcess } from "../support/embedded-cluster";
import { createWorld } from "../support/workflow-fixture";

let root: string;
let dataDir: string;
let port: number;
let cluster: ClusterProcess | undefined;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cms-durability-"));
  fs.chmodSync(root, 0o755); // the postgres user must traverse it when we run as root
  dataDir = path.join(root, "postgres");
  port = await findFreePort();
  cluster = await startClusterProcess(dataDir, port);
  await applyMigrations(cluster.url("cms"));
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Starts the saving app; resolves with it once `count` saves were acknowledged. */
function startSaving(reportId: string, userId: string, url: string) {
  const hook = path.join(process.cwd(), "tests/support/server-only-hook.mjs");
  const app = spawn(process.execPath, ["--import", "tsx", "--import", hook, path.join(process.cwd(), "tests/support/save-loop.ts"), reportId, userId], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const acked: number[] = [];
  const texts = new Map<number, number>();
  readline.createInterface({ input: app.stdout! }).on("line", (line) => {
    const [word, n, version] = line.split(" ");
    if (word === "ACK") {
      acked.push(Number(version));
      texts.set(Number(version), Number(n));
    }
  });
  const waitFor = async (count: number) => {
    const deadline = Date.now() + 60_000;
    while (acked.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${acked.length} saves acknowledged`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { app, acked, texts, waitFor };
}

function postmasterPid(): number {
  return Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

async function restartCluster(): Promise<void> {
  // Backends notice their postmaster's death and exit; until they have, a new one cannot start.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await cluster?.stop().catch(() => {});
      cluster = await startClusterProcess(dataDir, port);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function lastSaved(db: Db, reportId: string) {
  return db.report.findUniqueOrThrow({ where: { id: reportId }, select: { version: true, plainText: true } });
}

describe("kill -9 mid-save", () => {
  it("loses no acknowledged save when the app and then PostgreSQL are killed while saving", async () => {
    const url = cluster!.url("cms");
    let db = createPrismaClient(url, { max: 2 });
    const { people, xiamenId } = await createWorld(db);
    const report = await db.report.create({
      data: { committeeId: xiamenId, authorId: people.xmEditor.id, title: "断电测试", content: { type: "doc", content: [] }, editionEditorIds: [people.xmEditor.id] },
    });
    await db.$disconnect();

    // 1. The app dies mid-save; PostgreSQL keeps what it acknowledged.
    let run = startSaving(report.id, people.xmEditor.id, url);
    await run.waitFor(15);
    run.app.kill("SIGKILL");
    await new Promise((resolve) => run.app.once("exit", resolve));
    db = createPrismaClient(url, { max: 2 });
    let saved = await lastSaved(db, report.id);
    let lastAck = run.acked.at(-1)!;
    expect(saved.version).toBeGreaterThanOrEqual(lastAck);
    await db.$disconnect();

    // 2. PostgreSQL dies mid-save (SIGKILL of the postmaster: no shutdown checkpoint), then the
    //    app; after crash recovery every acknowledged save is there.
    run = startSaving(report.id, people.xmEditor.id, url);
    await run.waitFor(15);
    process.kill(postmasterPid(), "SIGKILL");
    // Saves in flight fail now; give the app a moment to have tried, then kill it too.
    await new Promise((resolve) => setTimeout(resolve, 100));
    run.app.kill("SIGKILL");
    await new Promise((resolve) => run.app.once("exit", resolve));
    lastAck = run.acked.at(-1)!;
    await restartCluster();

    db = createPrismaClient(cluster!.url("cms"), { max: 2 });
    saved = await lastSaved(db, report.id);
    expect(saved.version).toBeGreaterThanOrEqual(lastAck);
    // The text of the last acknowledged save, or of a later one that committed unacknowledged.
    const n = Number(/第(\d+)次保存/.exec(saved.plainText)?.[1]);
    expect(n).toBeGreaterThanOrEqual(run.texts.get(lastAck)!);
    // And the database still takes saves after recovery.
    expect(await db.report.count()).toBe(1);
    await db.$disconnect();
    console.log(`[durability] acknowledged saves kept: app kill at version ${lastAck}, PostgreSQL kill then restart → version ${saved.version}`);
  }, 180_000);
});
