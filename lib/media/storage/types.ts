import type { Readable } from "node:stream";

/** A stored object as it is read back. */
export interface StoredObject {
  body: Readable;
  size: number;
  contentType: string;
}

/**
 * Where media files live. Small on purpose: the app only writes whole files under keys it
 * chose (content-hashed names), reads them back as streams and deletes them; anything
 * richer (listing, ranges, presigned URLs) would tie the app to one kind of store.
 */
export interface MediaStore {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Null when there is no such object. */
  get(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Keys are ours, but a key must never climb out of the store's folder or bucket prefix. */
export function assertSafeKey(key: string): void {
  if (key === "" || key.length > 512 || key.startsWith("/") || key.includes("\\") || key.split("/").some((part) => part === "" || part === "." || part === "..")) {
    throw new Error(`unsafe media key: ${JSON.stringify(key)}`);
  }
}
