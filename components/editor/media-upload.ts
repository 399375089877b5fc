// Browser side of media upload: XMLHttpRequest rather than fetch, because only XHR reports
// upload progress. The server decides what the file is (by its bytes); the browser only
// sends it.
import type { MediaItem } from "@/lib/media/commands/media";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";

export type { MediaItem };

export function uploadMediaFile(file: File, committeeId: string, onProgress: (fraction: number) => void): Promise<MediaItem> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/media?committeeId=${encodeURIComponent(committeeId)}`);
    // The raw file, not a form: the type header is informative only.
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { media?: MediaItem; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // A proxy's HTML error page, e.g. nginx's 413.
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.media) {
        onProgress(1);
        resolve(body.media);
      } else {
        reject(new Error(body.error ?? (xhr.status === 413 ? t.errors.tooLarge.replace("{limit}", "20") : t.errors.failed)));
      }
    };
    xhr.onerror = () => reject(new Error(t.errors.network));
    xhr.send(file);
  });
}

/** Files of a paste or drop; the server refuses what is not an image, with its reason. */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  return Array.from(data.files ?? []);
}

export async function fetchLibrary(committeeId: string, query: { q?: string; from?: string; to?: string } = {}): Promise<MediaItem[]> {
  const params = new URLSearchParams({ committeeId });
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const response = await fetch(`/api/media?${params.toString()}`, { cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as { items?: MediaItem[]; error?: string };
  if (!response.ok || !body.items) throw new Error(body.error ?? t.errors.failed);
  return body.items;
}
