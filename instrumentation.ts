// Runs once when a Next.js server starts (Next requires this file at the project root): the
// scheduler of timed publications and the listener that keeps public caches fresh.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { exitWithFront } = await import("@/lib/front/exit-with-front");
  exitWithFront();
  const { startPublicRefresh } = await import("@/lib/public/refresh-on-change");
  const { getPublicReadRouter } = await import("@/lib/db/public-db");
  // LISTEN needs a direct connection: through a transaction-mode pooler it hears nothing. With
  // a read replica, the listener refreshes only once public reads show the change.
  startPublicRefresh(process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL, getPublicReadRouter());
  const { startScheduler } = await import("@/lib/reports/scheduler");
  startScheduler();
  const { startEmailWorker } = await import("@/lib/notifications/email");
  const { getDb } = await import("@/lib/db");
  startEmailWorker(getDb());
}
