// For `npm run bench -- import`: the whole import of the generated .docx as the studio runs it
// (importFileAsReport: the photos through the media pipeline — checks, decoding, every
// rendition — into MEDIA_DIR, then the draft), RUNS times, each into a committee of its own so
// that no photo is found already in the library. Prints one JSON line of milliseconds. Run with
// the react-server condition (server-only modules) on a seeded database: DATABASE_URL and
// MEDIA_DIR are set by import.ts, the .docx path is the argument.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { createPrismaClient } from "../../lib/db/client";
import { loadSessionUser } from "../../lib/auth/actor";

const RUNS = Number(process.env.IMPORT_BENCH_FULL_RUNS ?? 5);

async function main() {
  const bytes = fs.readFileSync(process.argv[2]!);
  const db = createPrismaClient(process.env.DATABASE_URL!, { max: 2 });
  try {
    const { importFileAsReport } = await import("../../lib/reports/commands/import-report");
    const { storeFromEnv } = await import("../../lib/media/storage");
    const store = storeFromEnv();
    const user = await db.user.findUniqueOrThrow({ where: { username: "xiamen-editor" } });
    const times: number[] = [];
    let figures = "";
    for (let run = 0; run < RUNS; run++) {
      const committee = await db.committee.create({ data: { slug: `bench-import-${Date.now()}-${run}`, name: `导入基准${run}市直机关工委`, city: "导入基准" } });
      await db.membership.create({ data: { userId: user.id, committeeId: committee.id, role: "EDITOR" } });
      const actor = (await loadSessionUser(db, { userId: user.id, sessionVersion: user.sessionVersion }))!;
      const started = performance.now();
      const { id, imported } = await importFileAsReport({ actor, committeeId: committee.id, bytes, fileName: "bench.docx", store });
      times.push(performance.now() - started);
      const stored = await db.media.count({ where: { committeeId: committee.id } });
      figures = `${imported.figures.total} figures (${imported.figures.waiting} waiting), ${stored} photos in the library, draft ${id}`;
    }
    console.log(JSON.stringify({ times, figures }));
  } finally {
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
