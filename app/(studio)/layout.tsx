import Link from "next/link";
import { requireSessionUser } from "@/lib/auth/session";
import { messages } from "@/lib/i18n";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { countUnreadNotifications } from "@/lib/notifications/queries";
import { administersAnything } from "@/lib/admin/rules";
import { adminMessages } from "@/lib/i18n/admin.zh-CN";
import { statsScope } from "@/lib/stats/access";
import { canViewAuditLog } from "@/lib/audit/access";

export const dynamic = "force-dynamic";

// Strangers are sent to sign-in here, but every page and action checks again on its own.
export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  // The layout also wraps the password page, which a one-time password holder must reach;
  // every other page sends them there (requireSessionUser).
  const user = await requireSessionUser({ allowPasswordChange: true });
  const unread = await countUnreadNotifications(user.id);
  const reviews = user.memberships.some((m) => m.role === "REVIEWER");
  const nav = user.mustChangePassword
    ? []
    : [
        { href: "/studio/reports", label: "我的稿件" },
        { href: "/studio/reports/new", label: "新建稿件" },
        ...(reviews ? [{ href: "/studio/review", label: "审核队列" }] : []),
        { href: "/studio/media", label: "图片库" },
        ...(statsScope(user) ? [{ href: "/studio/stats", label: "报送统计" }] : []),
        // Shown to those allowed; every page and action checks again on the server.
        ...(administersAnything(user) ? [{ href: "/studio/admin", label: adminMessages.nav.admin }] : []),
        ...(canViewAuditLog(user) ? [{ href: "/studio/audit", label: "审计日志" }] : []),
        { href: "/studio/account/sessions", label: adminMessages.nav.account },
        { href: "/studio/account/notifications", label: "邮件通知" },
      ];
  return (
    <div className="min-h-screen bg-[#f5f5f4]">
      <header className="border-b border-rule bg-white">
        {/* One row on wide screens; on a phone the name and sign-out stay beside the title and
            the links wrap on a row of their own, rather than every label breaking letter by letter. */}
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/studio" className="shrink-0 whitespace-nowrap text-lg font-bold text-brand">
            {messages.site.studio}
          </Link>
          <nav aria-label="工作台" className="order-3 flex w-full flex-wrap gap-x-3 gap-y-1 text-sm md:order-none md:w-auto md:flex-1">
            {nav.map((item) => (
              <Link key={item.href} href={item.href} className="whitespace-nowrap hover:text-brand hover:underline">
                {item.label}
              </Link>
            ))}
            <Link href="/" className="whitespace-nowrap text-muted hover:underline">
              {messages.site.home}
            </Link>
          </nav>
          <div className="order-2 ml-auto flex shrink-0 items-center gap-3 whitespace-nowrap text-sm md:order-none">
            <Link href="/studio/notifications" className="relative rounded px-2 py-1 hover:bg-stone-100" data-testid="notifications-link">
              {messages.notifications.title}
              {unread > 0 && (
                <span className="ml-1 rounded-full bg-brand px-1.5 text-xs text-white" data-testid="unread-count" aria-label={`${unread} 条未读`}>
                  {unread}
                </span>
              )}
            </Link>
            <span data-testid="current-user">
              {user.displayName}
              <span className="hidden sm:inline">（{user.username}）</span>
            </span>
            <SignOutButton label={messages.site.signOut} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
