// npm run bench -- cluster: how long a publish and an unpublish done through instance A take to
// reach readers of the production shape (tests/support/cluster.ts: nginx → Varnish → two app
// instances, PgBouncer, listeners straight to PostgreSQL), measured from the moment the
// reviewer's server action is sent to A and from its commit (heard as the change's own
// notification). Each public path is polled through the front until it
// shows the change; the report's page is also polled on instance B's own front server. The
// issue's goal is 1 s on every path. BENCH_ROUNDS rounds (default 10).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createPrismaClient } from "../../lib/db/client";
import { PUBLIC_CHANGES_CHANNEL, parsePublicChange } from "../../lib/public/changes";
import { loadSessionUser } from "../../lib/auth/actor";
import { publicPathsOf, startCluster, type Answer, type Cluster } from "../../tests/support/cluster";
import { callServerAction, signInOverHttp } from "../../tests/support/http-session";
import { addColumns, docOf, loadCommands } from "../../tests/support/workflow-fixture";
import { buildSite, DIST_DIR, percentile } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const COLUMN = "集群测速";

/**
 * Milliseconds from `start` until `holds` is true of what `get` answers, asked every 10 ms (a
 * figure is late by at most that, plus one request).
 */
async function until(start: number, get: () => Promise<Answer>, holds: (answer: Answer) => boolean, label = ""): Promise<number> {
  for (;;) {
    const answer = await get();
    if (holds(answer)) return performance.now() - start;
    if (performance.now() - start > 30_000) {
      // What the reader was still getting: which cache answered, and how old its copy was.
      const h = answer.headers;
      console.log(`[bench] ${label}: no change after 30 s; last answer ${answer.status}, x-cache ${String(h["x-cache"] ?? "-")}, x-varnish ${String(h["x-varnish"] ?? "-")}, age ${String(h.age ?? "-")}`);
      return Number.POSITIVE_INFINITY;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function row(name: string, values: number[]) {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "never");
  console.log(`${name.padEnd(34)} p50 ${fmt(percentile(values, 50)).padStart(5)} ms  max ${fmt(Math.max(...values)).padStart(5)} ms`);
}

/**
 * The workflow commands that arrange each round import `server-only`, which is empty only under
 * the react-server condition (as `npm run import` runs them): the measurement runs in a process
 * of its own started with it.
 */
export async function benchCluster() {
  const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
  const child = spawn(process.execPath, [tsxCli, "--conditions=react-server", fileURLToPath(import.meta.url), RUN_FLAG], { stdio: "inherit" });
  const code = await new Promise((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the cluster benchmark failed (exit code ${code})`);
}

const RUN_FLAG = "--cluster-bench";
if (process.argv.includes(RUN_FLAG)) {
  measureCluster().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}

async function measureCluster() {
  buildSite();
  const cluster: Cluster = await startCluster({ distDir: path.resolve(DIST_DIR), log: (line) => console.log(`[bench] ${line}`) });
  const db = createPrismaClient(cluster.directUrl, { max: 2 });
  // PostgreSQL delivers a notification when its transaction commits: hearing the change's own
  // announcement dates the commit, which lies inside A's answer time.
  const listener = new pg.Client({ connectionString: cluster.directUrl });
  const heard = new Map<string, number>();
  await listener.connect();
  listener.on("notification", (message) => {
    const { reportId } = parsePublicChange(message.payload ?? null);
    if (reportId && !heard.has(reportId)) heard.set(reportId, performance.now());
  });
  await listener.query(`LISTEN ${PUBLIC_CHANGES_CHANNEL}`);
  try {
    process.env.DATABASE_URL = cluster.directUrl;
    const cmd = await loadCommands();
    await addColumns(db, [COLUMN]);
    const editorRow = await db.user.findUniqueOrThrow({ where: { username: "xiamen-editor" } });
    const editor = (await loadSessionUser(db, { userId: editorRow.id, sessionVersion: editorRow.sessionVersion }))!;
    const xiamen = await db.committee.findUniqueOrThrow({ where: { slug: "xiamen" } });
    const [a, b] = cluster.instances;
    const cookie = await signInOverHttp(a.url, "xiamen-reviewer");
    const action = (reportId: string, exportedName: string, input: Record<string, unknown>) =>
      callServerAction({
        baseUrl: a.url,
        distDir: cluster.distDir,
        cookie,
        pagePath: `/studio/reports/${reportId}`,
        action: { filename: "lib/actions/reports.ts", exportedName },
        input: { reportId, ...input },
      });

    const published: Record<string, number[]> = {};
    const unpublished: Record<string, number[]> = {};
    const record = (into: Record<string, number[]>, name: string, ms: number) => (into[name] ??= []).push(ms);
    for (let round = 0; round < ROUNDS; round++) {
      const title = `集群测速第${round + 1}篇：机关党建工作部署会`;
      const { id } = await cmd.createReport({ actor: editor, committeeId: xiamen.id, fields: { title } });
      const version = async () => (await db.report.findUniqueOrThrow({ where: { id } })).version;
      await cmd.saveDraft({
        actor: editor,
        reportId: id,
        input: { expectedVersion: await version(), fields: { title, column: COLUMN }, content: docOf("会议对下一阶段机关党建重点工作作出部署。") },
      });
      await cmd.submitReport({ actor: editor, reportId: id });
      const paths = publicPathsOf(id, "xiamen", COLUMN);
      // Every page cached before the change (twice: Varnish, then a hit).
      for (const pathname of Object.values(paths)) for (let i = 0; i < 2; i++) await cluster.request("GET", pathname);

      const measure = async (into: Record<string, number[]>, change: () => Promise<unknown>, shows: (answer: Answer, key: string) => boolean) => {
        const start = performance.now();
        const pending = [
          ...Object.entries(paths).map(async ([key, pathname]) =>
            record(into, `${key} (front)`, await until(start, () => cluster.request("GET", pathname), (answer) => shows(answer, key), `round ${round + 1} ${key} ${pathname}`)),
          ),
          (async () => {
            const get = async () => {
              const res = await fetch(`${b.url}${paths.report}`);
              return { status: res.status, headers: {}, body: await res.text() } as Answer;
            };
            record(into, "report (instance B directly)", await until(start, get, (answer) => shows(answer, "report")));
          })(),
        ];
        heard.delete(id);
        await change();
        record(into, "action answered by A", performance.now() - start);
        // The notification may reach this process just after A's answer does.
        for (let wait = 0; !heard.has(id) && wait < 500; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
        const heardAt = heard.get(id);
        if (heardAt === undefined) throw new Error("the change was never announced");
        const committed = heardAt - start;
        record(into, "commit heard", committed);
        await Promise.all(pending);
        const derived = ["action answered by A", "commit heard", "all paths", "all paths, after the commit", "all paths, after A answered"];
        const latest = Object.entries(into).filter(([name]) => !derived.includes(name));
        const all = Math.max(...latest.map(([, values]) => values.at(-1)!));
        record(into, "all paths", all);
        record(into, "all paths, after the commit", all - committed);
        // The commit comes before A's answer: between the two figures lies the true propagation.
        record(into, "all paths, after A answered", all - into["action answered by A"]!.at(-1)!);
      };
      const expectedVersion = await version();
      const succeeded = (what: string) => (res: { status: number; body: string }) => {
        if (res.status !== 200 || /serverError|validationErrors/.test(res.body)) throw new Error(`${what} failed: ${res.body.slice(0, 500)}`);
      };
      await measure(
        published,
        () => action(id, "approveReportAction", { expectedVersion, publishAt: null }).then(succeeded("approve")),
        (answer, key) =>
          key === "report" ? answer.status === 200 && answer.body.includes(title) : answer.body.includes(key === "sitemap" ? paths.report : title),
      );
      await measure(
        unpublished,
        () => action(id, "unpublishReportAction", { reason: "测速撤下" }).then(succeeded("unpublish")),
        (answer, key) => (key === "report" ? answer.status === 410 : !answer.body.includes(key === "sitemap" ? paths.report : title)),
      );
    }
    console.log(`\ncluster: publish through instance A → visible through the front (${ROUNDS} rounds)`);
    for (const [name, values] of Object.entries(published)) row(name, values);
    console.log(`\ncluster: unpublish through instance A → 410 / dropped from lists (${ROUNDS} rounds)`);
    for (const [name, values] of Object.entries(unpublished)) row(name, values);
  } finally {
    await listener.end();
    await db.$disconnect();
    await cluster.stop();
  }
}
