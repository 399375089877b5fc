import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { canAdminSite } from "@/lib/admin/rules";
import { listAdministeredCommittees } from "@/lib/admin/queries";
import { archiveCommitteeAction, createCommitteeAction, updateCommitteeAction } from "@/lib/actions/admin";
import { ActionForm, Field } from "@/components/admin/action-form";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";

export const metadata: Metadata = { title: t.committees.title };
export const dynamic = "force-dynamic";

export default async function CommitteesPage() {
  const user = await requireSessionUser();
  if (!canAdminSite(user, "manageCommittees")) notFound();
  const committees = await listAdministeredCommittees(user);
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <section>
        <h1 className="mb-4 text-2xl font-bold">{t.committees.title}</h1>
        {committees.length === 0 && <p className="text-muted">{t.committees.none}</p>}
        <ul className="divide-y divide-rule rounded-lg border border-rule bg-white" data-testid="committee-list">
          {committees.map((c) => (
            <li key={c.id} className="space-y-1 px-4 py-3" data-committee={c.slug}>
              <p className="font-medium">
                {c.name} <span className="text-sm text-muted">（{c.slug}）</span>
                {c.archivedAt && <span className="ml-2 text-sm text-muted">{t.committees.archived}</span>}
              </p>
              <p className="text-sm text-muted">{c.columns.map((col) => col.name).join("、")}</p>
              <div className="flex items-center gap-3 text-sm">
                <Link className="text-brand underline" href={`/studio/admin/committees/${c.id}/members`}>
                  {t.committees.members}（{c._count.memberships}）
                </Link>
                <Link className="text-brand underline" href={`/studio/admin/committees/${c.id}/columns`}>
                  {t.committees.columnsLink}
                </Link>
                {!c.archivedAt && (
                  <ActionForm
                    action={archiveCommitteeAction}
                    values={{ committeeId: c.id }}
                    submitLabel={t.committees.archive}
                    confirm={`${t.committees.archive}「${c.name}」？`}
                    className="inline"
                    buttonClassName="rounded border border-rule px-2 py-0.5"
                  />
                )}
              </div>
              {!c.archivedAt && (
                <details className="text-sm" data-testid="edit-committee">
                  <summary className="cursor-pointer text-brand">{t.committees.edit}</summary>
                  <ActionForm action={updateCommitteeAction} values={{ committeeId: c.id }} submitLabel={t.committees.save} className="mt-2 space-y-3">
                    <p className="text-muted">{t.committees.slugFixed}</p>
                    <Field name="name" label={t.committees.name} defaultValue={c.name} required />
                    <Field name="city" label={t.committees.city} defaultValue={c.city} required />
                    <Field name="description" label={t.committees.description} defaultValue={c.description} multiline />
                    <Field name="sortOrder" label={t.committees.sortOrder} type="number" defaultValue={String(c.sortOrder)} />
                  </ActionForm>
                </details>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="rounded-lg border border-rule bg-white p-4">
        <h2 className="mb-3 text-lg font-bold">{t.committees.create}</h2>
        <ActionForm action={createCommitteeAction} submitLabel={t.committees.create} testId="create-committee">
          <Field name="slug" label={t.committees.slug} hint={t.committees.slugHint} required />
          <Field name="name" label={t.committees.name} required />
          <Field name="city" label={t.committees.city} required />
          <Field name="description" label={t.committees.description} multiline />
          <Field name="sortOrder" label={t.committees.sortOrder} type="number" defaultValue="0" />
          <Field name="columns" label={t.committees.columns} multiline />
        </ActionForm>
      </section>
    </div>
  );
}
