// The production shape, running: two real app instances (the production build that the browser
// tests use, each its own front server and Next) behind Varnish and nginx with the shipped
// configuration, PgBouncer in transaction mode for their queries, and the change listeners
// straight to PostgreSQL, their public reads on a streaming replica of it (tests/support/cluster.ts).
// Through the front (nginx's TLS edge):
// - the public pages that each instance renders uncached are read from the replica: its
//   pg_stat_activity shows that instance's connections running them;
// - a publish done through instance A (a reviewer's server action on A: A writes, A's
//   transaction announces) shows on every public path, whichever instance answers;
// - an unpublish answers 410 at the report's URL everywhere and the lists drop it;
// - a new edition of one report purges only the pages that show it: other pages stay hits;
// - with replay paused on the replica, a publish through A still shows on every path: the
//   listeners wait for the replica, then send public reads to the primary before the purge,
//   so no page is refilled from the stale replica and kept; after resuming, it stays;
// - the replica stopped in the middle of a stream of reads fails none of them (the primary
//   answers), and once started again the instances read from it again;
// - instance B killed (SIGKILL) in the middle of a stream of reads fails none that were sent
//   after it died, and at most those in flight when it died; its Next server exits with it;
// - instance B stopped (SIGTERM) in the middle of a stream of reads fails none of them.
// Public pages stay in Varnish for 300 s (CDN-Cache-Control, next.config.ts) and in each front's
// page cache as long: each check below sees a page cached before the change and fresh after it
// within the same few seconds, which only the purge can explain. How fast the change travels is
// measured by `npm run bench -- cluster`, never asserted here.
// Without nginx, Varnish (+ varnish-modules), PgBouncer or Chromium (the build is made only when
// the browser tests can run) the test is skipped loudly; under CI=true that is a failure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { loadSessionUser, type SessionUser } from "@/lib/auth/actor";
import { browserAvailable } from "../support/browser";
import {
  missingClusterPrograms, missingProgramsMessage, publicPathsOf, startCluster, type Answer, type AppInstance, type Cluster,
} from "../support/cluster";
import { waitFor } from "../support/deploy-programs";
import { DIST_DIR } from "../support/e2e-setup";
import { callServerAction, signInOverHttp } from "../support/http-session";
import { addColumns, docOf, loadCommands, type Commands } from "../support/workflow-fixture";

const missing = missingClusterPrograms({ chromium: true });
if (missing.length > 0) {
  if (process.env.CI === "true") throw new Error(missingProgramsMessage(missing) + "\nCI=true: missing programs fail the run.");
  console.error(missingProgramsMessage(missing) + "\n集群测试已跳过 / the cluster test is SKIPPED.\n");
}
const ready = missing.length === 0 && browserAvailable();

const COLUMN = "集群联动";
const TITLE = "厦门市直机关工委召开集群联动专题部署会";
const EDITION_TITLE = "厦门市直机关工委召开集群联动专题部署会（第二版）";
const LAG_TITLE = "厦门市直机关工委开展主从复制延迟情况下的发布演练";
const BODY = docOf("会议传达学习了上级有关文件精神，对下一阶段机关党建重点工作作出部署。", "会议要求，各支部要把学习成果转化为推动工作的实际成效。");
const PATIENCE_MS = 90_000;

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A loaded two-core machine runs five servers and two Next instances here: generous deadlines.
describe.skipIf(!ready)("two app instances behind Varnish and nginx", { timeout: 240_000 }, () => {
  let cluster: Cluster;
  let db: Db;
  let cmd: Commands;
  let editor: SessionUser;
  let reviewerCookie: string;
  let reportId: string;
  /** A published report of another committee (fuzhou's demo report) and its page. */
  let otherPage: string;

  const publicPaths = () => publicPathsOf(reportId, "xiamen", COLUMN);

  /** Every way a reader reaches `path`: the front (nginx → Varnish), and each instance's own front server. */
  async function everywhere(pathname: string): Promise<{ via: string; answer: Answer }[]> {
    const [a, b] = cluster.instances;
    return Promise.all([
      cluster.request("GET", pathname).then((answer) => ({ via: "front", answer })),
      ...[a, b]
        .filter((instance) => instance.process.exitCode === null && instance.process.signalCode === null)
        .map(async (instance) => {
          const res = await fetch(`${instance.url}${pathname}`);
          return { via: `instance ${instance.name}`, answer: { status: res.status, headers: {}, body: await res.text() } as Answer };
        }),
    ]);
  }

  /** Waits until `holds` is true of every path's answer on every way in; says which did not. */
  async function untilEverywhere(paths: string[], holds: (answer: Answer, pathname: string) => boolean, what: string) {
    let failing: string[] = [];
    try {
      await waitFor(async () => {
        failing = [];
        for (const pathname of paths) {
          for (const { via, answer } of await everywhere(pathname)) {
            if (!holds(answer, pathname)) failing.push(`${pathname} via ${via}: HTTP ${answer.status}`);
          }
        }
        return failing.length === 0;
      }, what, PATIENCE_MS, 50);
    } catch (error) {
      throw new Error(`${(error as Error).message}; still not: ${failing.join("; ")}\n${cluster.logs()}`);
    }
  }

  /** A reviewer's server action, sent to instance A only. */
  async function throughA(exportedName: string, input: Record<string, unknown>) {
    const result = await callServerAction({
      baseUrl: cluster.instances[0].url,
      distDir: cluster.distDir,
      cookie: reviewerCookie,
      pagePath: `/studio/reports/${String(input.reportId)}`,
      action: { filename: "lib/actions/reports.ts", exportedName },
      input,
    });
    expect(result.status, result.body).toBe(200);
    expect(result.body, result.body).not.toMatch(/serverError|validationErrors/);
  }

  const version = async (id = reportId) => (await db.report.findUniqueOrThrow({ where: { id } })).version;

  /** One query on the replica (its own superuser connection, not the app's). */
  async function onReplica<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: cluster.replicaUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  let searches = 0;
  /**
   * Waits until a public page that `instance` renders uncached (a search: dynamic, a new URL
   * each time, read through getPublicDb) is read from the replica: a connection of that
   * instance (application_name cms-A / cms-B, set in its DATABASE_REPLICA_URL) has run a query
   * there since the page was asked for. The router's own probe runs only
   * pg_last_wal_replay_lsn(); reads on the primary leave nothing here.
   */
  async function untilReadFromReplica(instance: AppInstance) {
    await waitFor(async () => {
      const { since } = (await onReplica<{ since: Date }>("SELECT clock_timestamp() AS since"))[0]!;
      const res = await fetch(`${instance.url}/search?q=${encodeURIComponent("部署")}&replica=${++searches}`);
      expect(res.status, `search on instance ${instance.name}`).toBe(200);
      await res.text();
      const { reads } = (await onReplica<{ reads: number }>(
        `SELECT count(*)::int AS reads FROM pg_stat_activity
          WHERE application_name = $1 AND backend_type = 'client backend' AND datname = current_database()
            AND query_start >= $2 AND query NOT LIKE '%pg_last_wal_replay_lsn%'`,
        [`cms-${instance.name}`, since],
      ))[0]!;
      return reads > 0;
    }, `instance ${instance.name}'s public reads answered by the replica`, PATIENCE_MS, 200);
  }

  /** Twice through the front: the second answer is Varnish's copy. */
  async function cachedAtFront(pathname: string): Promise<Answer> {
    await cluster.request("GET", pathname);
    const answer = await cluster.request("GET", pathname);
    expect(answer.headers["x-cache"], `${pathname} is kept by Varnish`).toBe("HIT");
    return answer;
  }

  beforeAll(async () => {
    cluster = await startCluster({ distDir: path.resolve(DIST_DIR), log: (line) => console.log(`[cluster] ${line}`) });
    db = createPrismaClient(cluster.directUrl, { max: 2 });
    // The arrangements (a draft, its submission) are the editor's, written as the app writes them.
    process.env.DATABASE_URL = cluster.directUrl;
    cmd = await loadCommands();
    await addColumns(db, [COLUMN]);
    const editorRow = await db.user.findUniqueOrThrow({ where: { username: "xiamen-editor" } });
    editor = (await loadSessionUser(db, { userId: editorRow.id, sessionVersion: editorRow.sessionVersion }))!;
    const xiamen = await db.committee.findUniqueOrThrow({ where: { slug: "xiamen" } });
    ({ id: reportId } = await cmd.createReport({ actor: editor, committeeId: xiamen.id, fields: { title: TITLE } }));
    await cmd.saveDraft({
      actor: editor,
      reportId,
      input: {
        expectedVersion: await version(),
        fields: { title: TITLE, column: COLUMN },
        content: BODY,
      },
    });
    await cmd.submitReport({ actor: editor, reportId });
    const other = await db.report.findFirstOrThrow({ where: { committee: { slug: "fuzhou" }, liveRevisionId: { not: null } } });
    otherPage = `/reports/${other.id}`;
    // The reviewer signs in on instance A, where every transition below is sent.
    reviewerCookie = await signInOverHttp(cluster.instances[0].url, "xiamen-reviewer");
  }, 240_000);

  afterAll(async () => {
    await db?.$disconnect();
    await cluster?.stop();
  }, 60_000);

  it("reads the public pages of both instances from the streaming replica", async () => {
    for (const instance of cluster.instances) await untilReadFromReplica(instance);
  });

  it("shows a publish done through instance A on every public path, through the front and on both instances", async () => {
    const paths = publicPaths();
    // Before: the lists are kept by Varnish (and by each instance's front) without the report;
    // the report's own URL is not found.
    for (const pathname of [paths.home, paths.committee]) {
      expect((await cachedAtFront(pathname)).body).not.toContain(TITLE);
    }
    for (const pathname of Object.values(paths)) await everywhere(pathname);
    expect((await cluster.request("GET", paths.report)).status).toBe(404);

    await throughA("approveReportAction", { reportId, expectedVersion: await version(), publishAt: null });
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("PUBLISHED");

    // The sitemap names the report's address; every other page shows its title.
    await untilEverywhere(
      Object.values(paths),
      (answer, pathname) => answer.status === 200 && answer.body.includes(pathname === paths.sitemap ? paths.report : TITLE),
      "the published report on every path",
    );
    // The fresh list pages are Varnish's again (the purge emptied them, it did not turn caching off).
    expect((await cachedAtFront(paths.home)).body).toContain(TITLE);
  });

  it("purges only the pages that show a report when its new edition goes live", async () => {
    const paths = publicPaths();
    const before = await cachedAtFront(otherPage);
    await cachedAtFront(paths.report);
    const otherColumn = `/columns/${encodeURIComponent("工作综述")}`;
    await cachedAtFront(otherColumn);

    await cmd.startNewEdition({ actor: editor, reportId, expectedVersion: await version() });
    await cmd.saveDraft({ actor: editor, reportId, input: { expectedVersion: await version(), fields: { title: EDITION_TITLE, column: COLUMN }, content: BODY } });
    await cmd.submitReport({ actor: editor, reportId });
    await throughA("approveReportAction", { reportId, expectedVersion: await version(), publishAt: null });

    await untilEverywhere(
      [paths.report, paths.committee, paths.column, paths.home, paths.feed],
      (answer) => answer.status === 200 && answer.body.includes(EDITION_TITLE),
      "the new edition on the pages that show the report",
    );
    // Another committee's report and another 栏目 were not touched: the same Varnish objects
    // (X-Varnish: this request's id, then the id of the request that stored the object).
    for (const [pathname, earlier] of [[otherPage, before], [otherColumn, undefined]] as const) {
      const after = await cluster.request("GET", pathname);
      expect(after.headers["x-cache"], `${pathname} stays in Varnish`).toBe("HIT");
      if (earlier) {
        expect(String(after.headers["x-varnish"]).split(" ")[1]).toBe(String(earlier.headers["x-varnish"]).split(" ")[1]);
        expect(Number(after.headers.age)).toBeGreaterThanOrEqual(Number(earlier.headers.age));
      }
    }
  });

  it("answers 410 at an unpublished report's URL everywhere, and the lists drop it", async () => {
    const paths = publicPaths();
    await throughA("unpublishReportAction", { reportId, reason: "集群测试：撤下" });
    await untilEverywhere([paths.report], (answer) => answer.status === 410, "410 at the report's URL");
    // A 栏目 with nothing published left is not found; the other lists are there, without it.
    await untilEverywhere(
      [paths.committee, paths.column, paths.home, paths.feed, paths.committeeFeed, paths.sitemap],
      (answer, pathname) =>
        (answer.status === 200 || (pathname === paths.column && answer.status === 404)) &&
        !answer.body.includes(EDITION_TITLE) &&
        !answer.body.includes(reportId),
      "the lists without the report",
    );
  });

  it("never refills a purged page from a replica whose replay is paused", async () => {
    const xiamen = await db.committee.findUniqueOrThrow({ where: { slug: "xiamen" } });
    const { id: lagId } = await cmd.createReport({ actor: editor, committeeId: xiamen.id, fields: { title: LAG_TITLE } });
    await cmd.saveDraft({ actor: editor, reportId: lagId, input: { expectedVersion: await version(lagId), fields: { title: LAG_TITLE, column: COLUMN }, content: BODY } });
    await cmd.submitReport({ actor: editor, reportId: lagId });
    const paths = publicPathsOf(lagId, "xiamen", COLUMN);
    // Kept before the change, at the front and in both instances (from the replica).
    for (const pathname of [paths.home, paths.committee]) expect((await cachedAtFront(pathname)).body).not.toContain(LAG_TITLE);
    for (const pathname of Object.values(paths)) await everywhere(pathname);

    await cluster.replica.catchUp(cluster.directUrl);
    await cluster.replica.pauseReplay();
    try {
      await throughA("approveReportAction", { reportId: lagId, expectedVersion: await version(lagId), publishAt: null });
      const shows = (answer: Answer, pathname: string) => answer.status === 200 && answer.body.includes(pathname === paths.sitemap ? paths.report : LAG_TITLE);
      await untilEverywhere(Object.values(paths), shows, "the report published while the replica's replay is paused, on every path");
      // The replica really was behind all along: what every path showed came from the primary.
      const [row] = await onReplica<{ status: string }>(`SELECT status::text FROM "Report" WHERE id = $1`, [lagId]);
      expect(row?.status).not.toBe("PUBLISHED");
      expect((await onReplica<{ state: string }>("SELECT pg_get_wal_replay_pause_state() AS state"))[0]!.state).toBe("paused");
      await cluster.replica.resumeReplay();
      await cluster.replica.catchUp(cluster.directUrl);
      // Once the replica has it, the instances read from it again, and every path still shows it.
      await untilReadFromReplica(cluster.instances[0]);
      await untilEverywhere(Object.values(paths), shows, "the report on every path after replay resumed");
    } finally {
      await cluster.replica.resumeReplay().catch(() => {});
    }
  });

  /**
   * A stream of reads through the front by four readers, of URLs that reach the instances (each
   * new to Varnish and to the fronts' caches), while `disturb` runs once B has served some of
   * them; it goes on until 60 reads have been sent after `disturb` ended. Returns every read
   * with whether it was sent before `disturb` ended, and how many were in flight when it began.
   */
  async function readsWhile(disturb: () => Promise<void>, pathOf = (n: number) => (n % 2 ? `${otherPage}?load=${n}` : `/api/health?load=${n}`)) {
    const reads: { pathname: string; status: number; body: string; sentBefore: boolean }[] = [];
    let sent = 0;
    let inFlight = 0;
    let disturbed = false;
    let sentAfter = 0;
    const reader = async () => {
      while (sentAfter < 60) {
        const n = sent++;
        const sentBefore = !disturbed;
        if (!sentBefore) sentAfter++;
        const pathname = pathOf(n);
        inFlight++;
        const answer = await cluster.request("GET", pathname).catch((error: Error) => ({ status: 0, body: error.message }) as Answer);
        inFlight--;
        reads.push({ pathname, status: answer.status, body: answer.body.slice(0, 200), sentBefore });
      }
    };
    const logged = cluster.accessLog().length;
    const readers = Promise.all(Array.from({ length: 4 }, reader));
    const b = cluster.instances[1];
    const fromB = new RegExp(`[?&]load=\\d+ .*upstream=127\\.0\\.0\\.1:${b.port}/200`);
    await waitFor(() => cluster.accessLog().slice(logged).some((line) => fromB.test(line)), "B serves the stream of reads");
    const inFlightWhenDisturbed = inFlight;
    await disturb();
    disturbed = true;
    await readers;
    return { reads, inFlightWhenDisturbed, failed: reads.filter((read) => read.status !== 200) };
  }

  it("fails no read when the replica stops in the middle of a stream of them, and reads from it again once it is back", async () => {
    // Searches read the database on every request; report pages read it when their cached read was dropped.
    const { reads, failed } = await readsWhile(
      () => cluster.replica.stop(),
      (n) => (n % 2 ? `${otherPage}?load=${n}` : `/search?q=${encodeURIComponent("部署")}&load=${n}`),
    );
    expect(failed, cluster.logs()).toEqual([]);
    expect(reads.filter((read) => !read.sentBefore).length).toBeGreaterThanOrEqual(60);
    await cluster.replica.start();
    for (const instance of cluster.instances) await untilReadFromReplica(instance);
  });

  it("fails no read B had not accepted when B is killed (SIGKILL), and B's Next goes with it", async () => {
    const b = cluster.instances[1];
    // The Next server that B's front runs (lib/front/start-site.ts).
    const nextPid = Number(fs.readFileSync(`/proc/${b.process.pid}/task/${b.process.pid}/children`, "utf8").trim().split(/\s+/)[0]);
    expect(nextPid).toBeGreaterThan(0);
    const { reads, inFlightWhenDisturbed, failed } = await readsWhile(() => b.stop("SIGKILL"));
    // Only reads already under way when B died may fail (those B had accepted and begun to
    // answer: nginx cannot send half an answer again); every read sent after it succeeds.
    expect(failed.filter((read) => !read.sentBefore), cluster.logs()).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(inFlightWhenDisturbed);
    expect(reads.filter((read) => !read.sentBefore).length).toBeGreaterThanOrEqual(60);
    await waitFor(() => !processExists(nextPid), "B's Next server exits after its front was killed");
    await b.restart();
  });

  it("fails no read at all while instance B is stopped (SIGTERM) in the middle of a stream of them", async () => {
    const b = cluster.instances[1];
    const { reads, failed } = await readsWhile(() => b.stop("SIGTERM"));
    expect(failed, cluster.logs()).toEqual([]);
    expect(reads.filter((read) => !read.sentBefore).length).toBeGreaterThanOrEqual(60);
  });
});
