import type { Metadata } from "next";
import { requireSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { visibleCommitteesWhere } from "@/lib/reports/rules/visibility";
import { mayUseMedia } from "@/lib/media/rules";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";
import { MediaLibrary } from "@/components/media/media-library";

export const metadata: Metadata = { title: t.library.title };
export const dynamic = "force-dynamic";

/** 图片库: one committee's media at a time, among those the person may see. */
export default async function MediaLibraryPage({ searchParams }: { searchParams: Promise<{ committee?: string }> }) {
  const user = await requireSessionUser();
  const committees = await getDb().committee.findMany({
    where: visibleCommitteesWhere(user),
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
  const wanted = (await searchParams).committee;
  const current = committees.find((c) => c.id === wanted) ?? committees.find((c) => mayUseMedia(user, "upload", c.id)) ?? committees[0];
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{t.library.title}</h1>
      {current ? (
        <MediaLibrary
          key={current.id}
          committees={committees}
          committeeId={current.id}
          canManage={mayUseMedia(user, "edit", current.id)}
        />
      ) : (
        <p className="text-muted">{t.library.empty}</p>
      )}
    </div>
  );
}
