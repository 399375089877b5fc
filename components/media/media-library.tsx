"use client";

import { useEffect, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { format } from "@/lib/i18n";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";
import { fetchLibrary, uploadMediaFile, type MediaItem } from "@/components/editor/media-upload";
import { UploadProgress, type UploadEntry } from "@/components/editor/upload-progress";

interface Props {
  committees: Array<{ id: string; name: string }>;
  committeeId: string;
  canManage: boolean;
}

/** The library grid: search, upload, edit texts, delete (refused by the server while in use). */
export function MediaLibrary({ committees, committeeId, canManage }: Props) {
  const router = useRouter();
  const [items, setItems] = useState<MediaItem[]>([]);
  const [query, setQuery] = useState({ q: "", from: "", to: "" });
  const [error, setError] = useState<string | null>(null);
  const [uploads, setUploads] = useState<UploadEntry[]>([]);

  const load = (next = query) =>
    fetchLibrary(committeeId, next)
      .then((found) => (setItems(found), setError(null)))
      .catch((reason: Error) => setError(reason.message));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void load(), [committeeId]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    void load();
  };

  const upload = (files: File[]) => {
    for (const file of files) {
      const id = Date.now() + Math.random();
      const update = (change: Partial<UploadEntry>) => setUploads((list) => list.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)));
      setUploads((list) => [...list, { id, name: file.name, progress: 0, error: null, done: false }]);
      uploadMediaFile(file, committeeId, (progress) => update({ progress }))
        .then(() => {
          update({ done: true });
          void load();
        })
        .catch((reason: Error) => update({ error: reason.message }));
    }
  };

  return (
    <div className="space-y-4" data-testid="media-library">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        {committees.length > 1 && (
          <label className="grid gap-1">
            {t.library.committee}
            <select className="rounded border border-rule bg-white px-2 py-1" value={committeeId} onChange={(event) => router.push(`/studio/media?committee=${event.target.value}`)}>
              {committees.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <form onSubmit={search} role="search" className="flex flex-wrap items-end gap-2">
          <input
            type="search"
            aria-label={t.library.search}
            placeholder={t.library.search}
            className="rounded border border-rule bg-white px-2 py-1"
            value={query.q}
            onChange={(event) => setQuery({ ...query, q: event.target.value })}
          />
          <label className="grid gap-1">
            {t.library.dateFrom}
            <input type="date" className="rounded border border-rule bg-white px-2 py-1" value={query.from} onChange={(event) => setQuery({ ...query, from: event.target.value })} />
          </label>
          <label className="grid gap-1">
            {t.library.dateTo}
            <input type="date" className="rounded border border-rule bg-white px-2 py-1" value={query.to} onChange={(event) => setQuery({ ...query, to: event.target.value })} />
          </label>
          <button type="submit" className="rounded border border-rule bg-white px-3 py-1">
            {t.library.searchButton}
          </button>
        </form>
        {canManage && (
          <label className="cursor-pointer rounded bg-brand px-3 py-1 text-white">
            {t.upload.button}
            <input
              type="file"
              accept="image/*"
              multiple
              hidden
              data-testid="library-upload-input"
              onChange={(event) => {
                const files = Array.from(event.target.files ?? []);
                event.target.value = "";
                upload(files);
              }}
            />
          </label>
        )}
      </div>
      <UploadProgress uploads={uploads} onDismiss={(id) => setUploads((list) => list.filter((entry) => entry.id !== id))} />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="text-muted">{t.library.empty}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((item) => (
            <MediaCard key={item.id} item={item} canManage={canManage} onChanged={() => void load()} />
          ))}
        </ul>
      )}
    </div>
  );
}

function MediaCard({ item, canManage, onChanged }: { item: MediaItem; canManage: boolean; onChanged: () => void }) {
  const [fields, setFields] = useState({ alt: item.alt, caption: item.caption, credit: item.credit });
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const response = await fetch(`/api/media/${item.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(fields) });
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    setStatus(response.ok ? { error: false, text: t.library.saved } : { error: true, text: body.error ?? t.errors.failed });
  };
  const remove = async () => {
    if (!window.confirm(t.library.confirmDelete)) return;
    const response = await fetch(`/api/media/${item.id}`, { method: "DELETE" });
    if (response.ok) return onChanged();
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    setStatus({ error: true, text: body.error ?? t.errors.failed });
  };

  return (
    <li className="rounded border border-rule bg-white p-3 text-sm" data-testid="media-card" data-media-id={item.id}>
      {/* eslint-disable-next-line @next/next/no-img-element -- already a sized rendition */}
      <img src={item.src} alt={item.alt} width={item.width} height={item.height} loading="lazy" className="h-40 w-full object-cover" />
      <p className="mt-1 text-xs text-muted">
        {format(t.library.size, { width: item.width, height: item.height })}　{format(t.library.uploadedAt, { date: item.createdAt.slice(0, 10) })}
        {!item.alt && <span className="ml-2 text-red-700">{t.library.altMissing}</span>}
      </p>
      <form onSubmit={save} className="mt-2 grid gap-2">
        {(["alt", "caption", "credit"] as const).map((name) => (
          <label key={name} className="grid gap-1">
            {t.library[name]}
            <input
              className="rounded border border-rule px-2 py-1"
              value={fields[name]}
              disabled={!canManage}
              onChange={(event) => (setFields({ ...fields, [name]: event.target.value }), setStatus(null))}
            />
          </label>
        ))}
        {canManage && (
          <div className="flex gap-2">
            <button type="submit" className="rounded bg-brand px-3 py-1 text-white">
              {t.library.save}
            </button>
            <button type="button" className="rounded border border-rule px-3 py-1" onClick={() => void remove()}>
              {t.library.delete}
            </button>
          </div>
        )}
        {status && (
          <p role={status.error ? "alert" : "status"} className={status.error ? "text-red-700" : "text-green-700"}>
            {status.text}
          </p>
        )}
      </form>
    </li>
  );
}
