// Who may read the audit log: site admins only. Pure, so the page, the export route and the
// tests ask the same rule.
import type { Actor } from "@/lib/reports/rules/permissions";

export function canViewAuditLog(actor: Pick<Actor, "isAdmin"> | null): boolean {
  return actor?.isAdmin === true;
}
