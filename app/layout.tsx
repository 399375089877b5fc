import type { Metadata } from "next";
import { messages } from "@/lib/i18n";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: messages.site.name, template: `%s｜${messages.site.name}` },
  description: messages.site.tagline,
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
