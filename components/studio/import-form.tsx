"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { format } from "@/lib/i18n";
import { importMessages as t } from "@/lib/i18n/import.zh-CN";
import { messages } from "@/lib/i18n";
import type { ImportPreview } from "@/lib/reports/import-request";

const FIELD_ORDER = ["kicker", "title", "subtitle", "byline", "source", "originalTitle", "responsibleEditor", "issueDate"] as const;

/** Choose a committee and a file (or paste text) → preview fields and body side by side → create the draft. */
export function ImportForm({ committees }: { committees: { id: string; name: string }[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"preview" | "create" | null>(null);

  async function send(mode: "preview" | "create") {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    data.set("mode", mode);
    setBusy(mode);
    setError(null);
    try {
      const response = await fetch("/api/import", { method: "POST", body: data });
      const body = (await response.json().catch(() => ({ error: messages.errors.generic }))) as { error?: string; id?: string } & Partial<ImportPreview>;
      if (!response.ok) {
        setError(body.error ?? messages.errors.generic);
        if (mode === "preview") setPreview(null);
        return;
      }
      if (mode === "preview") setPreview(body as ImportPreview);
      else router.push(`/studio/reports/${body.id}`);
    } catch {
      setError(messages.errors.generic);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-6">
      <form
        ref={formRef}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void send("preview");
        }}
        onChange={() => setPreview(null)}
      >
        <div>
          <label htmlFor="committeeId" className="mb-1 block text-sm font-medium">
            {t.committee}
          </label>
          <select id="committeeId" name="committeeId" className="w-full rounded border border-rule px-3 py-2">
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="import-file" className="mb-1 block text-sm font-medium">
            {t.file}
          </label>
          <input id="import-file" name="file" type="file" accept=".docx,.doc,.wps,.txt,text/plain" className="block w-full text-sm" />
        </div>
        <div>
          <label htmlFor="import-text" className="mb-1 block text-sm font-medium">
            {t.orPaste}
          </label>
          <textarea id="import-text" name="text" rows={5} placeholder={t.pastePlaceholder} className="w-full rounded border border-rule px-3 py-2" />
        </div>
        {error && (
          <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy !== null} className="rounded border border-brand px-4 py-2 text-brand disabled:opacity-60">
          {busy === "preview" ? t.previewing : t.preview}
        </button>
      </form>

      {preview && (
        <section aria-label={t.pageTitle} className="space-y-4">
          <div className="rounded border border-amber-300 bg-amber-50 p-3" data-testid="import-warnings">
            <h2 className="mb-1 font-bold">{t.warningsHeading}</h2>
            {preview.warnings.length === 0 ? (
              <p className="text-sm">{t.noWarnings}</p>
            ) : (
              <ul className="list-disc pl-5 text-sm">
                {preview.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
          </div>
          <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
            <div data-testid="import-fields">
              <h2 className="mb-2 font-bold">{t.fieldsHeading}</h2>
              <dl className="space-y-2 text-sm">
                <div>
                  <dt className="text-muted">{t.format}</dt>
                  <dd>{t.formats[preview.format]}</dd>
                </div>
                {FIELD_ORDER.map((name) => (
                  <div key={name}>
                    <dt className="text-muted">{messages.studio.fields[name]}</dt>
                    <dd data-field={name}>{preview.fields[name] || t.empty}</dd>
                  </div>
                ))}
                <div>
                  <dt className="text-muted">{t.figuresLabel}</dt>
                  <dd>{format(t.figures, preview.figures)}</dd>
                </div>
              </dl>
            </div>
            <div data-testid="import-body">
              <h2 className="mb-2 font-bold">{t.bodyHeading}</h2>
              {/* HTML rendered on the server from validated content (lib/content/render.ts). */}
              <div className="report-body prose max-w-none rounded border border-rule p-4" dangerouslySetInnerHTML={{ __html: preview.html }} />
            </div>
          </div>
          <button type="button" disabled={busy !== null} onClick={() => void send("create")} className="rounded bg-brand px-4 py-2 text-white disabled:opacity-60">
            {busy === "create" ? t.creating : t.create}
          </button>
        </section>
      )}
    </div>
  );
}
