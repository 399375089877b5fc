import type { Metadata } from "next";
import Link from "next/link";
import { requireSessionUser } from "@/lib/auth/session";
import { changeOwnPasswordAction } from "@/lib/actions/admin";
import { ActionForm, Field } from "@/components/admin/action-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { format } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";

export const metadata: Metadata = { title: t.account.passwordTitle };
export const dynamic = "force-dynamic";

export default async function PasswordPage() {
  // The one page open while a one-time password is still to be changed.
  const user = await requireSessionUser({ allowPasswordChange: true });
  return (
    <div className="mx-auto max-w-md space-y-4 rounded-lg border border-rule bg-white p-6">
      <h1 className="text-xl font-bold">{t.account.passwordTitle}</h1>
      {user.mustChangePassword && (
        <p role="note" className="rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="must-change">
          {t.account.mustChange}
        </p>
      )}
      <p className="text-sm text-muted">{format(t.account.rules, { min: MIN_PASSWORD_LENGTH })}</p>
      <ActionForm action={changeOwnPasswordAction} submitLabel={t.account.save} after="/studio" testId="change-password">
        <Field name="currentPassword" label={t.account.currentPassword} type="password" autoComplete="current-password" required />
        <Field name="newPassword" label={t.account.newPassword} type="password" autoComplete="new-password" required />
        <Field name="confirmPassword" label={t.account.confirmPassword} type="password" autoComplete="new-password" required />
      </ActionForm>
      {!user.mustChangePassword && (
        <Link href="/studio/account/sessions" className="text-sm text-brand underline">
          {t.account.sessionsTitle}
        </Link>
      )}
    </div>
  );
}
