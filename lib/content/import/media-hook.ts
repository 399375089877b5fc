/**
 * Where imported photos are stored. The media store (lib/media) registers itself here when it
 * is wired in; until then imported images become figures waiting for their photo. A hook
 * rather than an import so that the importer does not depend on how media are kept.
 */
import type { StoreImage } from "./errors";

let store: StoreImage | undefined;

export function setImportImageStore(next: StoreImage | undefined): void {
  store = next;
}

export function getImportImageStore(): StoreImage | undefined {
  return store;
}
