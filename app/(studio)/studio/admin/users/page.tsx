import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { canAdminSite } from "@/lib/admin/rules";
import { listUsers } from "@/lib/admin/queries";
import { createUserAction, deactivateUserAction, reactivateUserAction, resetPasswordAction, setSiteAdminAction } from "@/lib/actions/admin";
import { ActionForm, Field } from "@/components/admin/action-form";
import { messages } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";

export const metadata: Metadata = { title: t.users.title };
export const dynamic = "force-dynamic";

const small = "rounded border border-rule px-2 py-0.5";

export default async function UsersPage() {
  const user = await requireSessionUser();
  if (!canAdminSite(user, "manageUsers")) notFound();
  const users = await listUsers();
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <section>
        <h1 className="mb-4 text-2xl font-bold">{t.users.title}</h1>
        {users.length === 0 && <p className="text-muted">{t.users.none}</p>}
        <ul className="divide-y divide-rule rounded-lg border border-rule bg-white" data-testid="user-list">
          {users.map((u) => (
            <li key={u.id} className="space-y-1 px-4 py-3" data-username={u.username}>
              <p>
                <span className="font-medium">{u.displayName}</span>（{u.username}）
                {u.isAdmin && <span className="ml-2 text-sm">{messages.role.ADMIN}</span>}
                <span className="ml-2 text-sm text-muted" data-testid="user-status">
                  {u.isActive ? t.users.active : t.users.inactive}
                  {u.mustChangePassword && ` · ${t.users.mustChange}`}
                </span>
              </p>
              <p className="text-sm text-muted">{u.memberships.map((m) => `${m.committee.city}${messages.role[m.role]}`).join("、")}</p>
              <div className="flex flex-wrap items-start gap-2 text-sm">
                <ActionForm
                  action={setSiteAdminAction}
                  values={{ userId: u.id, isAdmin: u.isAdmin ? "false" : "true" }}
                  submitLabel={u.isAdmin ? t.users.revokeAdmin : t.users.grantAdmin}
                  confirm={`${u.isAdmin ? t.users.revokeAdmin : t.users.grantAdmin}：${u.displayName}？`}
                  className="inline"
                  buttonClassName={small}
                />
                <ActionForm action={resetPasswordAction} values={{ userId: u.id }} submitLabel={t.users.resetPassword} confirm={`${t.users.resetPassword}：${u.displayName}？`} className="inline" buttonClassName={small} />
                {u.isActive ? (
                  <ActionForm action={deactivateUserAction} values={{ userId: u.id }} submitLabel={t.users.deactivate} confirm={`${t.users.deactivate} ${u.displayName}？`} className="inline" buttonClassName={small} />
                ) : (
                  <ActionForm action={reactivateUserAction} values={{ userId: u.id }} submitLabel={t.users.reactivate} className="inline" buttonClassName={small} />
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="rounded-lg border border-rule bg-white p-4">
        <h2 className="mb-3 text-lg font-bold">{t.users.create}</h2>
        <ActionForm action={createUserAction} submitLabel={t.users.create} testId="create-user">
          <Field name="username" label={t.users.username} hint={t.users.usernameHint} required autoComplete="off" />
          <Field name="displayName" label={t.users.displayName} required />
          <Field name="email" label={t.users.email} type="email" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="isAdmin" />
            {t.users.isAdmin}
          </label>
        </ActionForm>
      </section>
    </div>
  );
}
