import type { Metadata } from "next";
import { requireSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { emailEnabled } from "@/lib/notifications/email";
import { emailMessages } from "@/lib/i18n/email.zh-CN";
import { format } from "@/lib/i18n";
import { EmailNotificationsToggle } from "@/components/studio/email-notifications-toggle";

const t = emailMessages.settings;
export const metadata: Metadata = { title: t.title };
export const dynamic = "force-dynamic";

export default async function EmailNotificationsPage() {
  const user = await requireSessionUser();
  const settings = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, emailNotifications: true } });
  return (
    <div className="max-w-xl space-y-4 rounded-lg border border-rule bg-white p-4">
      <h1 className="text-xl font-bold">{t.title}</h1>
      <p className="text-sm text-muted">{t.intro}</p>
      {!emailEnabled() && <p className="text-sm text-muted">{t.notConfigured}</p>}
      <p className="text-sm">{settings.email ? format(t.address, { email: settings.email }) : t.noAddress}</p>
      <EmailNotificationsToggle enabled={settings.emailNotifications} labels={t} />
    </div>
  );
}
