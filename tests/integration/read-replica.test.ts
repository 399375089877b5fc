// Public reads from a streaming replica (DATABASE_REPLICA_URL), against a real primary and a
// real hot standby made from it (tests/support/streaming-replica.ts): public reads are answered
// by the replica, studio reads and writes by the primary; a change is not refreshed into the
// caches before public reads can show it; a replica that falls behind or stops hands public
// reads to the primary; and a reader never sees a report go back to an older edition.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { findFreePort } from "@/lib/db/ports";
import type { PublicReadRouter } from "@/lib/db/public-read-router";
import type { PublicChangeListener } from "@/lib/public/change-listener";
import { startClusterProcess, type ClusterProcess } from "../support/embedded-cluster";
import { startStreamingReplica, waitFor, type StreamingReplica } from "../support/streaming-replica";
import { addColumns, createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "cms-read-replica-"));
fs.chmodSync(root, 0o755); // the postgres user must traverse it when we run as root

let primary: ClusterProcess;
let replica: StreamingReplica;
let db: Db;
let people: People;
let xiamenId: string;
let cmd: Commands;
let reportId: string;
let router: PublicReadRouter;
let publicDb: Db;
let publicReads: {
  getPublishedReport: typeof import("@/lib/public/published-reports").getPublishedReport;
  listFeedItems: typeof import("@/lib/public/feed-items").listFeedItems;
  findCommitteeBySlug: typeof import("@/lib/public/feed-items").findCommitteeBySlug;
};
let purgeServer: http.Server;
const purges: string[] = [];

/**
 * What readers see of the report, again and again: through the process's read cache (its
 * page), uncached (the feed), and by a raw query on the public handle (as search and the
 * archive lists read).
 */
const reader = {
  seen: [] as { via: Path; title: string }[],
  /** A public read that failed: what a reader would get as an error page. */
  errors: [] as string[],
  running: false,
  loop: Promise.resolve(),
  start() {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          const page = await publicReads.getPublishedReport(reportId);
          const feed = (await publicReads.listFeedItems()).find((item) => item.id === reportId);
          const [raw] = await publicDb.$queryRaw<{ title: string }[]>`
            SELECT v.title FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId" WHERE r.id = ${reportId}`;
          this.seen.push(
            { via: "page", title: page?.title ?? "(none)" },
            { via: "feed", title: feed?.title ?? "(none)" },
            { via: "raw", title: raw?.title ?? "(none)" },
          );
        } catch (error) {
          this.errors.push(error instanceof Error ? error.message : String(error));
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
  },
  async stop() {
    this.running = false;
    await this.loop;
  },
};

const EDITIONS = ["第一版", "第二版", "第三版", "第四版"];
type Path = "page" | "feed" | "raw";

/**
 * On each path, no read showed an edition older than one an earlier read had shown. (Across the
 * two paths a few milliseconds of disagreement are possible, with or without a replica: an
 * uncached read shows a change as soon as it is readable, the process's cache only once the
 * listener has heard of it.)
 */
function expectNeverBackInTime(seen: { via: Path; title: string }[]) {
  expect(reader.errors).toEqual([]);
  for (const via of ["page", "feed", "raw"] as const) {
    let newest = -1;
    const backwards: string[] = [];
    for (const [i, read] of seen.entries()) {
      if (read.via !== via) continue;
      const edition = EDITIONS.indexOf(read.title);
      expect(edition, `read ${i} saw ${read.title}`).toBeGreaterThanOrEqual(0);
      if (edition < newest) backwards.push(`${via} read ${i}: ${read.title} after ${EDITIONS[newest]}`);
      newest = Math.max(newest, edition);
    }
    expect(backwards).toEqual([]);
  }
}

async function publishEdition(title: string, first = false) {
  if (!first) await cmd.startNewEdition({ actor: people.xmEditor, reportId });
  const { version } = await db.report.findUniqueOrThrow({ where: { id: reportId } });
  await cmd.saveDraft({
    actor: people.xmEditor,
    reportId,
    input: { expectedVersion: version, fields: { title, column: "工作综述" }, content: docOf(`${title}正文。`) },
  });
  await cmd.submitReport({ actor: people.xmEditor, reportId });
  await cmd.approveReport({ actor: people.xmReviewer, reportId });
}

const liveTitleOnPrimary = async () =>
  (await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { liveRevision: { select: { title: true } } } })).liveRevision?.title;

beforeAll(async () => {
  primary = await startClusterProcess(path.join(root, "primary"), await findFreePort());
  await applyMigrations(primary.url("cms"));
  db = createPrismaClient(primary.url("cms"), { max: 5 });
  ({ people, xiamenId } = await createWorld(db));
  await addColumns(db, ["工作综述"]);

  replica = await startStreamingReplica({ primaryUrl: primary.url("postgres"), dataDir: path.join(root, "replica"), port: await findFreePort() });

  purgeServer = http.createServer((req, res) => {
    purges.push(String(req.headers["xkey-purge"] ?? ""));
    res.writeHead(200).end();
  });
  const purgePort = await findFreePort();
  await new Promise<void>((resolve) => purgeServer.listen(purgePort, "127.0.0.1", resolve));

  process.env.DATABASE_URL = primary.url("cms");
  process.env.DATABASE_REPLICA_URL = replica.url("cms");
  // Long enough that a paused replica is waited for (scenario b1); shortened for b2.
  process.env.DATABASE_REPLICA_MAX_WAIT_MS = "120000";
  process.env.VARNISH_PURGE_URL = `http://127.0.0.1:${purgePort}/`;
  cmd = await loadCommands();
  const { createReport } = cmd;
  reportId = (await createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title: EDITIONS[0]! } })).id;
  await publishEdition(EDITIONS[0]!, true);

  const { getPublicDb, getPublicReadRouter } = await import("@/lib/db/public-db");
  publicDb = getPublicDb();
  router = getPublicReadRouter()!;
  const { getPublishedReport } = await import("@/lib/public/published-reports");
  const { listFeedItems, findCommitteeBySlug } = await import("@/lib/public/feed-items");
  publicReads = { getPublishedReport, listFeedItems, findCommitteeBySlug };
  const { startPublicRefresh } = await import("@/lib/public/refresh-on-change");
  startPublicRefresh(primary.url("cms"), router);
  // Connected: the listener's first refresh ("anything may have changed") purges everything.
  await waitFor(async () => purges.length > 0);
  await waitFor(async () => router.state().target === "replica");
}, 180_000);

afterAll(async () => {
  await reader.stop();
  await (globalThis as { __cmsPublicRefresh?: PublicChangeListener }).__cmsPublicRefresh?.close();
  await (globalThis as { __cmsPublicDb?: { close(): Promise<void> } }).__cmsPublicDb?.close();
  await db?.$disconnect();
  purgeServer?.close();
  await replica?.stop();
  await primary?.stop();
  fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

// Generous: a loaded two-core machine; each wait inside is for a condition, not a time.
describe("public reads from a streaming replica", { timeout: 180_000 }, () => {
  it("answers public reads from the replica and studio reads and writes from the primary", async () => {
    const where = async (client: Db) => (await client.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`)[0]!.standby;
    expect(await where(publicDb)).toBe(true);
    expect(await where(db)).toBe(false);
    // A read-only interactive transaction on the public handle (search runs in one) goes there too.
    const inTransaction = await publicDb.$transaction((tx) => tx.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`);
    expect(inTransaction[0]!.standby).toBe(true);

    // A write the replica has not replayed yet (replay paused) is seen by the primary's
    // reader and not by the public one: the public function really read the replica.
    await replica.pauseReplay();
    try {
      await db.committee.update({ where: { id: xiamenId }, data: { name: "厦门市直机关工委（主库）" } });
      expect((await db.committee.findUniqueOrThrow({ where: { id: xiamenId } })).name).toBe("厦门市直机关工委（主库）");
      expect((await publicReads.findCommitteeBySlug("xiamen"))?.name).toBe("厦门市直机关工委");
    } finally {
      await replica.resumeReplay();
    }
    await replica.catchUp(primary.url("cms"));
    expect((await publicReads.findCommitteeBySlug("xiamen"))?.name).toBe("厦门市直机关工委（主库）");
  });

  it("does not refresh a change into the caches until the replica has replayed it", async () => {
    reader.start();
    await waitFor(async () => reader.seen.length >= 4);
    expect(await publicReads.getPublishedReport(reportId)).toMatchObject({ title: EDITIONS[0] });
    await replica.pauseReplay();
    const purgesBefore = purges.length;
    try {
      await publishEdition(EDITIONS[1]!);
      expect(await liveTitleOnPrimary()).toBe(EDITIONS[1]);
      // The listener heard the change and is waiting for the replica.
      await waitFor(async () => router.state().waiting > 0);
      const seenWhileWaiting = reader.seen.length;
      await waitFor(async () => reader.seen.length >= seenWhileWaiting + 6);
      expect(router.state().waiting).toBeGreaterThan(0);
      expect(purges.length).toBe(purgesBefore);
      // The cached page and an uncached read both still show the edition the replica has.
      expect(await publicReads.getPublishedReport(reportId)).toMatchObject({ title: EDITIONS[0] });
      expect((await publicReads.listFeedItems()).find((item) => item.id === reportId)?.title).toBe(EDITIONS[0]);
    } finally {
      await replica.resumeReplay();
    }
    await waitFor(async () => purges.length > purgesBefore);
    expect(purges.at(-1)).toContain(`report:${reportId}`);
    expect(await publicReads.getPublishedReport(reportId)).toMatchObject({ title: EDITIONS[1] });
    expect(router.state().target).toBe("replica");
    const seenAfterRefresh = reader.seen.length;
    await waitFor(async () => reader.seen.length >= seenAfterRefresh + 6);
    expect(reader.seen.slice(seenAfterRefresh).every(({ title }) => title === EDITIONS[1])).toBe(true);
    expectNeverBackInTime(reader.seen);
  });

  it("sends public reads to the primary when the replica stays behind, and back to it only once it has caught up", async () => {
    router.maxWaitMs = 300;
    await replica.pauseReplay();
    const purgesBefore = purges.length;
    try {
      await publishEdition(EDITIONS[2]!);
      await waitFor(async () => purges.length > purgesBefore);
      // The replica still has the second edition; readers get the third, from the primary.
      expect(router.state().target).toBe("primary");
      expect(await publicReads.getPublishedReport(reportId)).toMatchObject({ title: EDITIONS[2] });
      expect((await publicReads.listFeedItems()).find((item) => item.id === reportId)?.title).toBe(EDITIONS[2]);
      const seen = reader.seen.length;
      await waitFor(async () => reader.seen.length >= seen + 6);
      // Still paused: the replica must not be given readers back.
      expect(router.state().target).toBe("primary");
    } finally {
      await replica.resumeReplay();
    }
    await waitFor(async () => router.state().target === "replica");
    const seenOnReplica = reader.seen.length;
    await waitFor(async () => reader.seen.length >= seenOnReplica + 6);
    expect((await publicDb.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`)[0]!.standby).toBe(true);
    expect(reader.seen.slice(seenOnReplica).every(({ title }) => title === EDITIONS[2])).toBe(true);
    expectNeverBackInTime(reader.seen);
  });

  it("keeps answering public reads from the primary while the replica is stopped, and returns to it when it is back", async () => {
    // Reads that are sent to the replica before anything has noticed it is gone (the probe held
    // back, so the router still says "replica"): each must be answered by the primary.
    await reader.stop();
    router.stop();
    await replica.stop();
    expect(router.state().target).toBe("replica");
    const raw = () => publicDb.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Report"`;
    const outcomes = await Promise.allSettled([raw(), raw(), publicReads.listFeedItems(), raw(), publicReads.findCommitteeBySlug("xiamen")]);
    expect(outcomes.map((o) => (o.status === "rejected" ? String(o.reason).slice(0, 300) : "answered"))).toEqual(outcomes.map(() => "answered"));
    expect(router.state().target).toBe("primary");
    router.start();
    reader.start();

    const seen = reader.seen.length;
    await waitFor(async () => reader.seen.length >= seen + 6);
    expect(router.state().target).toBe("primary");
    expect((await publicReads.findCommitteeBySlug("xiamen"))?.slug).toBe("xiamen");

    // A publish while it is down reaches readers at once, from the primary.
    const purgesBefore = purges.length;
    await publishEdition(EDITIONS[3]!);
    await waitFor(async () => purges.length > purgesBefore);
    expect(await publicReads.getPublishedReport(reportId)).toMatchObject({ title: EDITIONS[3] });

    await replica.start();
    await waitFor(async () => router.state().target === "replica");
    const seenOnReplica = reader.seen.length;
    await waitFor(async () => reader.seen.length >= seenOnReplica + 6);
    expect(reader.seen.slice(seenOnReplica).every(({ title }) => title === EDITIONS[3])).toBe(true);
    await reader.stop();
    expect(new Set(reader.seen.map(({ title }) => title))).toEqual(new Set(EDITIONS));
    expectNeverBackInTime(reader.seen);
  });
});
