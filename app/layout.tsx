import type { Metadata } from "next";
import { messages } from "@/lib/i18n";
import { feedAlternateTypes } from "@/lib/public/report-metadata";
import { siteUrl } from "@/lib/public/site-url";
import { READING_PREFERENCES_SCRIPT } from "@/components/ui/reading-preferences";
import "./globals.css";

// A function, not a constant, so that metadataBase is the address the server runs at.
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(`${siteUrl()}/`),
    title: { default: messages.site.name, template: `%s｜${messages.site.name}` },
    description: messages.site.tagline,
    // Feed discovery on every page. No canonical here: metadata is inherited, so a canonical
    // of "/" would claim every page without its own is the home page (see pageAlternates).
    alternates: { types: feedAlternateTypes() },
  };
}

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: READING_PREFERENCES_SCRIPT }} />
      </head>
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
