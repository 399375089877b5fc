// Purges the shared page cache in front of the app instances (Varnish with the xkey vmod, see
// deploy/varnish/default.vcl) of the pages carrying any of `tags`. Configured by
// VARNISH_PURGE_URL; without it (the single-machine default) there is nothing to purge.
export async function purgeSharedCache(tags: readonly string[], url = process.env.VARNISH_PURGE_URL): Promise<boolean> {
  if (!url || tags.length === 0) return false;
  try {
    const res = await fetch(url, { method: "PURGE", headers: { "xkey-purge": tags.join(" ") }, signal: AbortSignal.timeout(5_000) });
    if (!res.ok) console.error(`[public-refresh] Varnish refused the purge: HTTP ${res.status}`);
    return res.ok;
  } catch (error) {
    // A page stays stale at most its CDN-Cache-Control lifetime; the change itself is committed.
    console.error("[public-refresh] could not reach Varnish to purge", error);
    return false;
  }
}
