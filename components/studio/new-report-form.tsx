"use client";

import { useActionState } from "react";
import { createReportAction } from "@/lib/actions/reports";
import { toActionResult, type ActionResult } from "@/lib/actions/result";

async function create(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return toActionResult(await createReportAction({ committeeId: String(form.get("committeeId") ?? ""), title: String(form.get("title") ?? "") }));
}

export function NewReportForm({ committees }: { committees: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(create, null);
  const error = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4">
      <div>
        <label htmlFor="committeeId" className="mb-1 block text-sm font-medium">
          发布单位
        </label>
        <select id="committeeId" name="committeeId" className="w-full rounded border border-rule px-3 py-2">
          {committees.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="title" className="mb-1 block text-sm font-medium">
          标题 <span className="text-brand">*</span>
        </label>
        <input
          id="title"
          name="title"
          required
          aria-invalid={error?.fieldErrors?.title ? true : undefined}
          className="w-full rounded border border-rule px-3 py-2"
        />
        {error?.fieldErrors?.title && <p className="mt-1 text-sm text-red-700">{error.fieldErrors.title}</p>}
      </div>
      {error && !error.fieldErrors?.title && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error.message}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded bg-brand px-4 py-2 text-white disabled:opacity-60">
        创建并开始编辑
      </button>
    </form>
  );
}
