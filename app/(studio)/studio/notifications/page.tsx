import type { Metadata } from "next";
import Link from "next/link";
import { requireSessionUser } from "@/lib/auth/session";
import { listNotifications } from "@/lib/notifications/queries";
import { MarkNotificationsRead } from "@/components/studio/mark-notifications-read";
import { formatDateTime } from "@/lib/format";
import { format, messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages.notifications.title };
export const dynamic = "force-dynamic";

export default async function NotificationsPage() {
  const user = await requireSessionUser();
  const notifications = await listNotifications(user);
  const t = messages.notifications;
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-bold">{t.title}</h1>
        {/* Opening the page reads them: the notices stay bold on this visit, the badge clears. */}
        {notifications.some((n) => !n.readAt) && <MarkNotificationsRead />}
      </div>
      {notifications.length === 0 ? (
        <p className="text-muted">{t.empty}</p>
      ) : (
        <ul className="divide-y divide-rule rounded-lg border border-rule bg-white" data-testid="notifications">
          {notifications.map((n) => (
            <li key={n.id} className={`px-4 py-3 text-sm ${n.readAt ? "text-muted" : "font-medium"}`}>
              {n.report ? (
                <Link href={`/studio/reports/${n.report.id}`} className="hover:underline">
                  {format(t[n.kind], {
                    actor: n.actor?.displayName ?? "系统",
                    title: n.report.title,
                    comment: n.message,
                    time: n.message,
                  })}
                </Link>
              ) : (
                t.reportNoLongerVisible
              )}
              <span className="ml-2 text-xs text-muted">{formatDateTime(n.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
