// Behind the front server (lib/front/start-site.ts), whose IPC channel this is, the Next server
// has no readers once the front is gone, even killed without a word: it goes too. Its own
// module, imported only in the Node.js runtime, so the Edge build of instrumentation.ts never
// meets these Node APIs.
export function exitWithFront(): void {
  if (process.env.CMS_FRONT_IPC === "1" && process.send) process.once("disconnect", () => process.exit(0));
}
