import { auditMessages } from "@/lib/i18n/audit.zh-CN";

// forbidden() in the page answers 403 with this.
export default function AuditForbidden() {
  return (
    <p role="alert" className="rounded-lg border border-rule bg-white p-4" data-testid="forbidden">
      {auditMessages.forbidden}
    </p>
  );
}
