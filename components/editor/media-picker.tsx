"use client";

import { useEffect, useState } from "react";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";
import { fetchLibrary, type MediaItem } from "./media-upload";

/**
 * The committee's library as a grid to pick from (figure dialog, cover picker). Searches
 * caption, credit and alt text, and the upload date.
 */
export function MediaPicker({ committeeId, onPick, onClose }: { committeeId: string; onPick: (item: MediaItem) => void; onClose: () => void }) {
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState({ q: "", from: "", to: "" });

  const load = (next = query) => {
    fetchLibrary(committeeId, next)
      .then((found) => (setItems(found), setError(null)))
      .catch((reason: Error) => setError(reason.message));
  };
  // The first page loads once; later searches are submitted by the person.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => load(), [committeeId]);


  return (
    <div className="media-picker" data-testid="media-picker">
      {/* Not a <form>: the picker sits inside the figure dialog's form, and a nested form's
          submit button would submit (and close) the dialog. Enter searches instead. */}
      <div
        className="media-picker__search"
        role="search"
        onKeyDown={(event) => {
          if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
          event.preventDefault();
          load(query);
        }}
      >
        <input
          type="search"
          className="report-editor__input"
          aria-label={t.library.search}
          placeholder={t.library.search}
          value={query.q}
          onChange={(event) => setQuery({ ...query, q: event.target.value })}
        />
        <label>
          {t.library.dateFrom}
          <input type="date" value={query.from} onChange={(event) => setQuery({ ...query, from: event.target.value })} />
        </label>
        <label>
          {t.library.dateTo}
          <input type="date" value={query.to} onChange={(event) => setQuery({ ...query, to: event.target.value })} />
        </label>
        <button type="button" className="report-editor__action" onClick={() => load(query)}>
          {t.library.searchButton}
        </button>
        <button type="button" className="report-editor__action" onClick={onClose}>
          {t.library.close}
        </button>
      </div>
      {error && (
        <p className="report-editor__error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="report-editor__hint">{t.library.empty}</p>}
      <ul className="media-picker__grid">
        {items?.map((item) => (
          <li key={item.id}>
            <button type="button" className="media-picker__item" onClick={() => onPick(item)} aria-label={`${t.library.choose}：${item.caption || item.alt || item.id}`}>
              {/* eslint-disable-next-line @next/next/no-img-element -- renditions are already sized; next/image would resize them again */}
              <img src={item.src} alt={item.alt} width={item.width} height={item.height} loading="lazy" />
              <span>{item.caption || item.alt || t.library.altMissing}</span>
              {item.credit && <span className="media-picker__credit">{item.credit}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
