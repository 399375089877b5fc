import Link from "next/link";
import { requireSessionUser } from "@/lib/auth/session";
import { messages } from "@/lib/i18n";
import { SignOutButton } from "@/components/ui/sign-out-button";

export const dynamic = "force-dynamic";

// Strangers are sent to sign-in here, but every page and action checks again on its own.
export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSessionUser();
  return (
    <div className="min-h-screen bg-[#f5f5f4]">
      <header className="border-b border-rule bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
          <div className="flex items-baseline gap-4">
            <Link href="/studio" className="text-lg font-bold text-brand">
              {messages.site.studio}
            </Link>
            <Link href="/" className="text-sm text-muted hover:underline">
              {messages.site.home}
            </Link>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span data-testid="current-user">
              {user.displayName}（{user.username}）
            </span>
            <SignOutButton label={messages.site.signOut} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
