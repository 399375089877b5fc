// Public reads (published reports, listings, 栏目, filter choices) are kept in this process's
// memory and dropped whenever a public change is announced (./refresh-on-change.ts), in every
// app instance, within the same moment. While this process is not listening for changes it
// cannot know when to drop them, so it keeps nothing and reads the database each time.
import { LRUCache } from "lru-cache";

/** A safety net: even an entry whose change went unheard lives no longer than this. */
export const PUBLIC_CACHE_SECONDS = 300;

const store = new LRUCache<string, { value: unknown }>({ max: 5_000, ttl: PUBLIC_CACHE_SECONDS * 1000 });
let generation = 0;
let enabled = false;

/** Turned on while the change listener is connected; turning it off empties it. */
export function setPublicReadCaching(on: boolean): void {
  enabled = on;
  expirePublicReads();
}

/** Drops every kept read; a read that began before now is not kept when it ends. */
export function expirePublicReads(): void {
  generation++;
  store.clear();
}

export function cachedPublicRead<A extends unknown[], R>(name: string, read: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    if (!enabled) return read(...args);
    const key = `${name}:${JSON.stringify(args)}`;
    const hit = store.get(key);
    if (hit) return hit.value as R;
    const started = generation;
    const value = await read(...args);
    if (started === generation) store.set(key, { value });
    return value;
  };
}
