"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { restoreRevisionAction } from "@/lib/actions/reports";
import { toActionResult } from "@/lib/actions/result";

export function RestoreButton({ reportId, revisionId, number, version }: { reportId: string; revisionId: string; number: number; version: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="text-brand underline"
        onClick={async () => {
          if (!window.confirm(`将第 ${number} 版恢复为当前草稿？当前草稿会先另存为一个版本，可随时找回。`)) return;
          const result = toActionResult(await restoreRevisionAction({ reportId, revisionId, expectedVersion: version }));
          if (result.ok) router.push(`/studio/reports/${reportId}`);
          else setError(result.message);
        }}
      >
        恢复
      </button>
      {error && <span className="ml-2 text-xs text-red-700">{error}</span>}
    </>
  );
}
