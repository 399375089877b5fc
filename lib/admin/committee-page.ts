import "server-only";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { canAdminCommittee, type CommitteeAction } from "./rules";
import { getCommittee } from "./queries";

/**
 * The opening of every page about one committee's administration (members, 栏目): the person,
 * allowed `action` there, and the committee. Anyone else, or an unknown id, gets a 404.
 */
export async function requireCommitteeAdmin(params: Promise<{ id: string }>, action: CommitteeAction) {
  const user = await requireSessionUser();
  const { id } = await params;
  if (!canAdminCommittee(user, action, id)) notFound();
  const committee = await getCommittee(id);
  if (!committee) notFound();
  return { user, id, committee };
}
