import Link from "next/link";

/**
 * The notice above a previewed article: outside the <article>, so the article's markup stays
 * the public page's, and not printed (a printed preview reads like the published page).
 */
export function PreviewBanner({ title, lines, children }: { title: string; lines: string[]; children?: React.ReactNode }) {
  return (
    <aside
      aria-label="预览说明"
      data-testid="preview-banner"
      className="no-print mx-auto mb-8 max-w-[42rem] rounded border-2 border-dashed border-brand bg-white px-4 py-3 text-sm"
    >
      <p className="font-bold text-brand">{title}</p>
      {lines.map((line) => (
        <p key={line} className="mt-1">
          {line}
        </p>
      ))}
      {children}
    </aside>
  );
}

/** The page an unusable preview link answers (with 404 or 410). */
export function PreviewLinkNotice({ title, body, home }: { title: string; body: string; home: string }) {
  return (
    <div className="py-16 text-center" data-testid="preview-link-notice">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-3 text-muted">{body}</p>
      <Link href="/" className="mt-6 inline-block text-brand underline">
        {home}
      </Link>
    </div>
  );
}
