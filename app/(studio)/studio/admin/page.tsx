import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { administersAnything, canAdminSite } from "@/lib/admin/rules";
import { listAdministeredCommittees } from "@/lib/admin/queries";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";

export const metadata: Metadata = { title: t.nav.admin };
export const dynamic = "force-dynamic";

export default async function AdminHome() {
  const user = await requireSessionUser();
  if (!administersAnything(user)) notFound();
  const committees = await listAdministeredCommittees(user);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t.nav.admin}</h1>
      {canAdminSite(user, "manageUsers") && (
        <ul className="flex gap-4">
          <li>
            <Link className="text-brand underline" href="/studio/admin/committees">
              {t.nav.committees}
            </Link>
          </li>
          <li>
            <Link className="text-brand underline" href="/studio/admin/users">
              {t.nav.users}
            </Link>
          </li>
        </ul>
      )}
      <ul className="divide-y divide-rule rounded-lg border border-rule bg-white">
        {committees.map((c) => (
          <li key={c.id} className="flex items-center justify-between px-4 py-3" data-committee={c.slug}>
            <span>{c.name}</span>
            <span className="flex gap-3 text-sm">
              <Link className="text-brand underline" href={`/studio/admin/committees/${c.id}/members`}>
                {t.committees.members}
              </Link>
              <Link className="text-brand underline" href={`/studio/admin/committees/${c.id}/columns`}>
                {t.committees.columnsLink}
              </Link>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
