// The one invalidation path. Commands announce a public change inside their transaction
// (./changes.ts); PostgreSQL delivers it, only if the transaction commits, to one listener in
// every app process. That listener drops the process's cached public reads and, when the
// process runs behind the front server (lib/front/start-site.ts), tells the front over IPC so it
// empties its page cache after the data it renders from is fresh; then the shared cache
// (Varnish, VARNISH_PURGE_URL) is purged of the same tags — by the front once its own page cache
// is purged, or here when there is no front. Every instance purges after its own refresh, so the
// last purge follows the last refresh (tests/e2e/cluster.test.ts).
//
// With a read replica (DATABASE_REPLICA_URL) the refresh waits until public reads show the
// change: until the replica has replayed the commit, or, if it does not within
// DATABASE_REPLICA_MAX_WAIT_MS, until public reads have been sent to the primary
// (lib/db/public-read-router.ts). Purging earlier would let a page be rendered again from the
// replica before it has the change, and kept, old, for its whole lifetime.
import { parseLsn } from "@/lib/db/lsn";
import type { PublicReadRouter } from "@/lib/db/public-read-router";
import { expirePublicReads, setPublicReadCaching } from "./cache";
import { listenForPublicChanges, type PublicChangeListener } from "./change-listener";
import { parsePublicChange, type PublicChange } from "./changes";
import { ALL_PUBLIC } from "./cache-tags";
import { purgeSharedCache } from "./purge-shared-cache";

/** What the Next.js process tells its front server. */
export type FrontMessage =
  | { type: "cms:listening"; listening: boolean }
  | { type: "cms:changed"; reportId: string | null; tags: string[] | null };

const globalForRefresh = globalThis as unknown as { __cmsPublicRefresh?: PublicChangeListener };

/**
 * `router`: the one in front of the read replica (getPublicReadRouter() in lib/db/public-db.ts),
 * null without a replica.
 */
export function startPublicRefresh(databaseUrl: string, router: PublicReadRouter | null = null): void {
  if (globalForRefresh.__cmsPublicRefresh) return;
  const behindFront = process.env.CMS_FRONT_IPC === "1" && Boolean(process.send);
  const tellFront = behindFront ? (message: FrontMessage) => process.send!(message) : () => {};
  const refresh = (change: PublicChange) => {
    // The reads are few and cheap to redo: all of them go; the pages go by tag.
    expirePublicReads();
    // Purged here, Varnish could fetch the page again from this instance's front before the
    // front has dropped its copy, and keep that stale copy for its whole lifetime.
    if (behindFront) tellFront({ type: "cms:changed", ...change });
    else void purgeSharedCache(change.tags ?? [ALL_PUBLIC]);
  };
  globalForRefresh.__cmsPublicRefresh = listenForPublicChanges({
    databaseUrl,
    readWalPosition: router !== null,
    log: (line) => console.warn(`[public-refresh] ${line}`),
    onConnection: (listening) => {
      setPublicReadCaching(listening);
      tellFront({ type: "cms:listening", listening });
    },
    onChange: (payload, walPosition) => {
      const change = parsePublicChange(payload);
      if (!router || !walPosition) return refresh(change);
      void router.catchUp(parseLsn(walPosition)).then(() => refresh(change));
    },
  });
}
