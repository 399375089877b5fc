// The site of the benchmarks in a process of its own, as `npm start` runs it: the front server
// and its page cache here, Next in a child of this process. The harness (its database client,
// the generator's leftovers) stays out of the process whose answers are measured. Over IPC the
// harness asks for what the front did ({ type: "stats" } → its cache counts and this process's
// CPU time); it stops on SIGTERM, as scripts/front.ts does.
import { startSite } from "../../lib/front/start-site";
import type { PageCacheCounts } from "../../lib/front/page-cache";

export type SiteProcessMessage =
  | { type: "ready" }
  | { type: "stats"; counts: PageCacheCounts; cpuMicroseconds: number }
  | { type: "error"; message: string };

async function main() {
  const site = await startSite({
    port: Number(process.env.PORT),
    hostname: "127.0.0.1",
    env: process.env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const send = (message: SiteProcessMessage) => process.send?.(message);
  process.on("message", (message: { type: string }) => {
    if (message?.type !== "stats") return;
    const used = process.cpuUsage();
    send({ type: "stats", counts: { ...site.cache.counts }, cpuMicroseconds: used.user + used.system });
  });
  // Stopped by the harness, or gone with it.
  const stop = () => void site.stop().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("disconnect", stop);
  send({ type: "ready" });
}

main().catch((error) => {
  process.send?.({ type: "error", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
