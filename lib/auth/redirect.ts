// Where to send a person after sign-in. The target comes from the URL (`callbackUrl`), so anyone
// can write it into a link; only a path on this site may come out. The check is done the way a
// browser reads URLs — WHATWG parsing against the site's origin, which turns `/\evil`, `/<TAB>/evil`
// and the like into `//evil` — and then compares origins, instead of guessing at prefixes.

/**
 * `target` as a path on `origin` (path, query and fragment), or `fallback` when it is missing,
 * malformed or names any other origin. The result never starts with `//` or `/\`.
 */
export function sameOriginPath(target: unknown, origin: string, fallback = "/studio"): string {
  if (typeof target !== "string" || target === "") return fallback;
  let site: URL;
  let url: URL;
  try {
    site = new URL(origin);
    url = new URL(target, site);
  } catch {
    return fallback;
  }
  if (url.origin !== site.origin || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil` resolves to the path `//evil`, which a browser would read as another host.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
