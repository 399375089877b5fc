import type { Metadata } from "next";
import Link from "next/link";
import { requireSessionUser } from "@/lib/auth/session";
import { describeDevice, listActiveSessions } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { revokeOwnSessionAction, signOutEverywhereAction } from "@/lib/actions/admin";
import { ActionForm } from "@/components/admin/action-form";
import { formatDateTime } from "@/lib/format";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";

export const metadata: Metadata = { title: t.account.sessionsTitle };
export const dynamic = "force-dynamic";

export default async function SessionsPage() {
  const user = await requireSessionUser();
  const sessions = await listActiveSessions(getDb(), user.id);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t.account.sessionsTitle}</h1>
      <p className="text-sm text-muted">{t.account.sessionsIntro}</p>
      <ul className="divide-y divide-rule rounded-lg border border-rule bg-white" data-testid="session-list">
        {sessions.map((s) => {
          const current = s.id === user.sessionId;
          return (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-current={current ? "true" : "false"}>
              <div className="text-sm">
                <p className="font-medium">
                  {describeDevice(s.userAgent) || t.account.unknownDevice}
                  {current && <span className="ml-2 rounded bg-stone-100 px-1.5 text-xs">{t.account.thisDevice}</span>}
                </p>
                <p className="text-muted">
                  {t.account.signedInAt} {formatDateTime(s.createdAt)} · {t.account.lastSeenAt} {formatDateTime(s.lastSeenAt)}
                  {s.ip && ` · ${t.account.ip} ${s.ip}`}
                </p>
              </div>
              <ActionForm
                action={revokeOwnSessionAction}
                values={{ sessionId: s.id }}
                submitLabel={t.account.revoke}
                after={current ? "signOut" : undefined}
                className="inline"
                buttonClassName="rounded border border-rule px-2 py-0.5 text-sm"
              />
            </li>
          );
        })}
      </ul>
      <ActionForm action={signOutEverywhereAction} submitLabel={t.account.signOutEverywhere} confirm={t.account.signOutEverywhereHint} after="signOut" />
      <Link href="/studio/account/password" className="text-sm text-brand underline">
        {t.account.passwordTitle}
      </Link>
    </div>
  );
}
