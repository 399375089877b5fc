import { statsMessages } from "@/lib/i18n/stats.zh-CN";

// forbidden() in the page answers 403 with this.
export default function StatsForbidden() {
  return (
    <p role="alert" className="rounded-lg border border-rule bg-white p-4" data-testid="forbidden">
      {statsMessages.forbidden}
    </p>
  );
}
