import type { Metadata } from "next";
import { requireCommitteeAdmin } from "@/lib/admin/committee-page";
import { listMembers } from "@/lib/admin/queries";
import { addMembershipAction, changeRoleAction, removeMembershipAction } from "@/lib/actions/admin";
import { ActionForm, Field } from "@/components/admin/action-form";
import { RoleSelect } from "@/components/admin/role-select";
import { format, messages } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";

export const metadata: Metadata = { title: "成员" };
export const dynamic = "force-dynamic";

export default async function MembersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id, committee } = await requireCommitteeAdmin(params, "viewMembers");
  const members = await listMembers(id);
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <section>
        <h1 className="mb-4 text-2xl font-bold">{format(t.members.title, { committee: committee.name })}</h1>
        {members.length === 0 && <p className="text-muted">{t.members.none}</p>}
        <ul className="divide-y divide-rule rounded-lg border border-rule bg-white" data-testid="member-list">
          {members.map((m) => (
            <li key={m.user.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-username={m.user.username}>
              <span>
                {m.user.displayName}（{m.user.username}） · <span data-testid="member-role">{messages.role[m.role]}</span>
                {!m.user.isActive && <span className="ml-2 text-sm text-muted">{t.users.inactive}</span>}
              </span>
              <span className="flex items-center gap-2 text-sm">
                <ActionForm
                  action={changeRoleAction}
                  values={{ committeeId: id, userId: m.user.id }}
                  submitLabel={t.members.changeRole}
                  className="flex items-center gap-2"
                  buttonClassName="rounded border border-rule px-2 py-0.5"
                >
                  <RoleSelect name="role" defaultValue={m.role} label={`${m.user.username} ${t.members.role}`} />
                </ActionForm>
                <ActionForm
                  action={removeMembershipAction}
                  values={{ committeeId: id, userId: m.user.id }}
                  submitLabel={t.members.remove}
                  confirm={`${t.members.remove} ${m.user.displayName}？`}
                  className="inline"
                  buttonClassName="rounded border border-rule px-2 py-0.5"
                />
              </span>
            </li>
          ))}
        </ul>
      </section>
      {!committee.archivedAt && (
        <section className="rounded-lg border border-rule bg-white p-4">
          <h2 className="mb-3 text-lg font-bold">{t.members.add}</h2>
          <ActionForm action={addMembershipAction} values={{ committeeId: id }} submitLabel={t.members.add} testId="add-member">
            <Field name="username" label={t.members.user} required />
            <RoleSelect name="role" defaultValue="EDITOR" label={t.members.role} />
          </ActionForm>
        </section>
      )}
    </div>
  );
}
