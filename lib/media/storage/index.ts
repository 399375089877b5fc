import path from "node:path";
import { LocalStore } from "./local-store";
import { S3Store } from "./s3-store";
import type { MediaStore } from "./types";

export type { MediaStore, StoredObject } from "./types";
export { LocalStore } from "./local-store";
export { S3Store } from "./s3-store";

/**
 * The store the environment asks for: S3 when S3_ENDPOINT and S3_BUCKET are set (the
 * production shape), else the local folder MEDIA_DIR (default `.data/media`, so the two
 * README commands need no set-up).
 */
export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): MediaStore {
  if (env.S3_ENDPOINT && env.S3_BUCKET) {
    return new S3Store({
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      accessKeyId: env.S3_ACCESS_KEY ?? "",
      secretAccessKey: env.S3_SECRET_KEY ?? "",
      region: env.S3_REGION,
      prefix: env.S3_PREFIX,
    });
  }
  // A folder chosen at run time, not a file of the app for the build to trace.
  return new LocalStore(path.resolve(/*turbopackIgnore: true*/ env.MEDIA_DIR ?? path.join(".data", "media")));
}

const globalForStore = globalThis as unknown as { __cmsMediaStore?: MediaStore };

/** The process-wide store, created on first use. */
export function getMediaStore(): MediaStore {
  globalForStore.__cmsMediaStore ??= storeFromEnv();
  return globalForStore.__cmsMediaStore;
}
