"use client";

import { useState } from "react";
import { createPreviewLinkAction } from "@/lib/actions/preview";
import { toActionResult } from "@/lib/actions/result";
import { formatDateTime } from "@/lib/format";
import { format } from "@/lib/i18n";
import { previewMessages as t } from "@/lib/i18n/preview.zh-CN";
import { DEFAULT_PREVIEW_DURATION, PREVIEW_DURATIONS, type PreviewDuration } from "@/lib/preview/durations";

type Link = { url: string; expiresAt: string };

/**
 * The editing page's preview controls: "预览" opens the studio preview in a new tab, and
 * "生成预览链接" makes a signed link for someone without an account, with the expiry they pick,
 * shown with a copy button. Whether the person may do so is decided again on the server.
 */
export function PreviewLinks({ reportId }: { reportId: string }) {
  const [open, setOpen] = useState(false);
  const [duration, setDuration] = useState<PreviewDuration>(DEFAULT_PREVIEW_DURATION);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<Link | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string } | null>(null);

  async function create() {
    setBusy(true);
    setMessage(null);
    try {
      const result = toActionResult<Link>(await createPreviewLinkAction({ reportId, duration }));
      if (result.ok) setLink(result.data);
      else setMessage({ kind: "error", text: result.message });
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setMessage({ kind: "info", text: t.copied });
    } catch {
      setMessage({ kind: "error", text: t.copyFailed });
    }
  }

  return (
    <div className="relative flex items-center gap-2 text-sm" data-testid="preview-controls">
      <a href={`/studio/reports/${reportId}/preview`} target="_blank" rel="noopener" title={t.openHint} className="text-brand underline">
        {t.open}
      </a>
      <button type="button" aria-expanded={open} className="text-brand underline" onClick={() => setOpen(!open)}>
        {t.createLink}
      </button>
      {open && (
        <div role="group" aria-label={t.createLink} className="absolute left-0 top-full z-20 mt-1 w-[28rem] max-w-[90vw] space-y-2 rounded border border-rule bg-white p-3 shadow-lg">
          <div className="flex items-center gap-2">
            <label htmlFor="preview-duration">{t.duration}</label>
            <select
              id="preview-duration"
              value={duration}
              onChange={(e) => setDuration(e.target.value as PreviewDuration)}
              className="rounded border border-rule px-2 py-1"
            >
              {(Object.keys(PREVIEW_DURATIONS) as PreviewDuration[]).map((d) => (
                <option key={d} value={d}>
                  {t.durations[d]}
                </option>
              ))}
            </select>
            <button type="button" disabled={busy} onClick={create} className="rounded bg-brand px-3 py-1 text-white disabled:opacity-60">
              {busy ? t.creating : t.createLink}
            </button>
          </div>
          {link && (
            <div className="space-y-1" data-testid="preview-link">
              <label htmlFor="preview-link-url" className="block text-muted">
                {t.linkLabel}
              </label>
              <div className="flex gap-2">
                <input id="preview-link-url" readOnly value={link.url} onFocus={(e) => e.target.select()} className="min-w-0 flex-1 rounded border border-rule px-2 py-1 font-mono text-xs" />
                <button type="button" onClick={copy} className="rounded border border-rule px-2 py-1">
                  {t.copy}
                </button>
              </div>
              <p data-testid="preview-link-expiry">{format(t.expiresAt, { at: formatDateTime(new Date(link.expiresAt)) })}</p>
              <p className="text-muted">{t.linkHint}</p>
            </div>
          )}
          {message && (
            <p role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "text-red-700" : "text-green-800"}>
              {message.text}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
