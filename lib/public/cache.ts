import "server-only";
import { unstable_cache } from "next/cache";

/**
 * Public reads are cached in Next's data cache under one tag, and every publish, unpublish
 * or correction expires the tag (lib/reports/revalidate.ts), so the next request reads the
 * database again. One instance's cache is its own: with several app instances, configure a
 * shared cache handler (see README "Caching") or each instance refreshes only within
 * PUBLIC_CACHE_SECONDS.
 */
export const PUBLIC_TAG = "public-reports";
export const PUBLIC_CACHE_SECONDS = 300;

export function cachedPublicRead<A extends unknown[], R>(name: string, read: (...args: A) => Promise<R>) {
  const cached = unstable_cache(read, [name], { tags: [PUBLIC_TAG], revalidate: PUBLIC_CACHE_SECONDS });
  // Outside a Next.js server (scripts, integration tests) there is no cache to use.
  return (...args: A): Promise<R> => (process.env.NEXT_RUNTIME ? cached(...args) : read(...args));
}
