"use client";

import { useState } from "react";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";
import { MediaPicker } from "@/components/editor/media-picker";

export interface CoverImage {
  id: string;
  src: string;
  alt: string;
}

/** 封面图片 of a report: picked from the committee's library, shown in lists and as og:image. */
export function CoverPicker({ reportId, committeeId, initial, editable }: { reportId: string; committeeId: string; initial: CoverImage | null; editable: boolean }) {
  const [cover, setCover] = useState(initial);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (mediaId: string | null, next: CoverImage | null) => {
    const response = await fetch(`/api/reports/${reportId}/cover`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ mediaId }) });
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) return setError(body.error ?? t.errors.failed);
    setError(null);
    setCover(next);
    setPicking(false);
  };

  return (
    <section className="rounded-lg border border-rule bg-white p-3 text-sm" aria-label={t.cover.label} data-testid="cover-picker">
      <h2 className="mb-2 font-bold">{t.cover.label}</h2>
      {cover ? (
        // eslint-disable-next-line @next/next/no-img-element -- already a sized rendition
        <img src={cover.src} alt={cover.alt} className="mb-2 h-32 w-full object-cover" data-testid="cover-image" />
      ) : (
        <p className="mb-2 text-muted">{t.cover.none}</p>
      )}
      {editable && (
        <div className="flex gap-2">
          <button type="button" className="rounded border border-rule px-3 py-1" onClick={() => setPicking(!picking)}>
            {t.cover.choose}
          </button>
          {cover && (
            <button type="button" className="rounded border border-rule px-3 py-1" onClick={() => void save(null, null)}>
              {t.cover.remove}
            </button>
          )}
        </div>
      )}
      {picking && <MediaPicker committeeId={committeeId} onClose={() => setPicking(false)} onPick={(item) => void save(item.id, { id: item.id, src: item.src, alt: item.alt })} />}
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
