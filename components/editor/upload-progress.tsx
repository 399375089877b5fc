"use client";

import { format } from "@/lib/i18n";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";

export interface UploadEntry {
  id: number;
  name: string;
  /** 0…1 */
  progress: number;
  error: string | null;
  done: boolean;
}

/** One progress bar per file being uploaded; failures stay until dismissed. */
export function UploadProgress({ uploads, onDismiss }: { uploads: UploadEntry[]; onDismiss: (id: number) => void }) {
  if (uploads.length === 0) return null;
  return (
    <ul className="report-editor__uploads" aria-live="polite" data-testid="uploads">
      {uploads.map((upload) => (
        <li key={upload.id} className={upload.error ? "is-error" : undefined} data-testid="upload">
          <span className="report-editor__upload-name">
            {upload.error
              ? format(t.upload.failed, { name: upload.name, error: upload.error })
              : format(upload.done ? t.upload.done : t.upload.uploading, { name: upload.name })}
          </span>
          {!upload.error && (
            <progress max={1} value={upload.progress} aria-label={format(t.upload.progressLabel, { name: upload.name })} />
          )}
          {upload.error && (
            <button type="button" className="report-editor__action" onClick={() => onDismiss(upload.id)}>
              {t.upload.dismiss}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
