// The Docker image's server (bundled to front.mjs): Next's standalone server.js on a loopback
// port behind the front server and its page cache (lib/front/), as `npm start` runs it.
// PORT and HOSTNAME say where readers connect; DATABASE_URL and NEXTAUTH_SECRET are required.
// Outside the image (no server.js here) it runs `next start` on the build in NEXT_DIST_DIR: one
// app instance of the cluster test (tests/e2e/cluster.test.ts).
import fs from "node:fs";
import path from "node:path";
import { startSite } from "../lib/front/start-site";

const standalone = path.join(process.cwd(), "server.js");

async function main() {
  const site = await startSite({
    port: Number(process.env.PORT ?? 3000),
    hostname: process.env.HOSTNAME ?? "0.0.0.0",
    nextArgs: fs.existsSync(standalone) ? () => [standalone] : undefined,
    env: process.env,
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await site.stop();
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
  site.next.once("exit", (code) => void stop(code ?? 1));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
