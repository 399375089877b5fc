import type { Metadata } from "next";
import { requireCommitteeAdmin } from "@/lib/admin/committee-page";
import { listColumnsForAdmin } from "@/lib/admin/queries";
import { createColumnAction, renameColumnAction, setColumnArchivedAction } from "@/lib/actions/admin";
import { ActionForm, Field } from "@/components/admin/action-form";
import { format } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";

export const metadata: Metadata = { title: "栏目" };
export const dynamic = "force-dynamic";

export default async function ColumnsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id, committee } = await requireCommitteeAdmin(params, "manageColumns");
  const columns = await listColumnsForAdmin(id);
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <section>
        <h1 className="mb-4 text-2xl font-bold">{format(t.columns.title, { committee: committee.name })}</h1>
        {columns.length === 0 && <p className="text-muted">{t.columns.none}</p>}
        <ul className="divide-y divide-rule rounded-lg border border-rule bg-white" data-testid="column-list">
          {columns.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-column={c.name}>
              <span>
                {c.name}
                {c.archivedAt && <span className="ml-2 text-sm text-muted">{t.columns.archived}</span>}
              </span>
              <span className="flex items-center gap-2 text-sm">
                <ActionForm
                  action={renameColumnAction}
                  values={{ columnId: c.id }}
                  submitLabel={t.columns.rename}
                  className="flex items-center gap-2"
                  buttonClassName="rounded border border-rule px-2 py-0.5"
                >
                  <label className="sr-only" htmlFor={`rename-${c.id}`}>
                    {`${c.name} ${t.columns.newName}`}
                  </label>
                  <input id={`rename-${c.id}`} name="name" defaultValue={c.name} className="w-32 rounded border border-rule px-2 py-0.5" />
                </ActionForm>
                <ActionForm
                  action={setColumnArchivedAction}
                  values={{ columnId: c.id, archived: c.archivedAt ? "false" : "true" }}
                  submitLabel={c.archivedAt ? t.columns.restore : t.columns.archive}
                  className="inline"
                  buttonClassName="rounded border border-rule px-2 py-0.5"
                />
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="rounded-lg border border-rule bg-white p-4">
        <h2 className="mb-3 text-lg font-bold">{t.columns.add}</h2>
        <ActionForm action={createColumnAction} values={{ committeeId: id }} submitLabel={t.columns.add}>
          <Field name="name" label={t.columns.name} required />
        </ActionForm>
      </section>
    </div>
  );
}
