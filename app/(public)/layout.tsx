import Link from "next/link";
import { messages } from "@/lib/i18n";
import { ReadingPreferences } from "@/components/ui/reading-preferences";

// Public pages reach readers without Next's client runtime (lib/front/client-runtime.ts): a
// link loads the next page whole, from the page cache. Where the runtime is present (`npm run
// dev`, previews) the header's links are still not prefetched: the front server keeps pages,
// not the RSC answers a prefetch asks for, so every link in view cost a render per page view.
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        跳到正文
      </a>
      <header className="bg-brand text-white no-print">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
          <Link href="/" prefetch={false} className="text-2xl font-bold tracking-wide" style={{ fontFamily: "var(--font-serif)" }}>
            {messages.site.name}
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            <nav aria-label="站点" className="flex gap-1 text-sm">
              <Link href="/search" prefetch={false} className="rounded px-2 py-1 hover:bg-brand-dark">
                搜索
              </Link>
              <Link href="/studio" prefetch={false} className="rounded px-2 py-1 hover:bg-brand-dark">
                {messages.site.studio}
              </Link>
            </nav>
            <ReadingPreferences />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-rule py-6 text-center text-sm text-muted no-print">{messages.site.footer}</footer>
    </div>
  );
}
