// Whose statistics a person may see: site admins every committee; reviewers (and managers,
// when that role arrives: add it to SEES_STATS) the committees they hold that role in; editors
// none. Pure, so the page, the export and the tests ask the same rule.
import type { Actor } from "@/lib/reports/rules/permissions";

const SEES_STATS: ReadonlySet<string> = new Set(["REVIEWER", "MANAGER"]);

export type StatsScope = { all: true } | { all: false; committeeIds: string[] };

/** null: may not see statistics at all. */
export function statsScope(actor: Actor | null): StatsScope | null {
  if (!actor) return null;
  if (actor.isAdmin) return { all: true };
  const committeeIds = actor.memberships.filter((m) => SEES_STATS.has(m.role)).map((m) => m.committeeId);
  return committeeIds.length > 0 ? { all: false, committeeIds } : null;
}
