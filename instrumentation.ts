// Runs once when a Next.js server starts (Next requires this file at the project root).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startScheduler } = await import("@/lib/reports/scheduler");
  startScheduler();
}
