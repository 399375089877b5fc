import "server-only";
import { publishDueReports } from "./commands/publish-due-reports";

const globalForScheduler = globalThis as unknown as { __cmsScheduler?: NodeJS.Timeout };

/**
 * Every app instance checks for due scheduled reports on a timer; publishDueReports claims
 * rows with SKIP LOCKED, so instances never publish one report twice. What it publishes is
 * announced like any other publication, so caches everywhere follow. Started from
 * instrumentation.ts. SCHEDULER_INTERVAL_MS sets the period (default 10 s; 0 turns it off).
 */
export function startScheduler(): void {
  const interval = Number(process.env.SCHEDULER_INTERVAL_MS ?? 10_000);
  if (!process.env.DATABASE_URL || !(interval > 0) || globalForScheduler.__cmsScheduler) return;
  let running = false;
  globalForScheduler.__cmsScheduler = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const published = await publishDueReports();
      if (published.length > 0) console.log(`[scheduler] published ${published.length} scheduled report(s)`);
    } catch (error) {
      console.error("[scheduler] publishing scheduled reports failed", error);
    } finally {
      running = false;
    }
  }, interval);
  globalForScheduler.__cmsScheduler.unref();
}
