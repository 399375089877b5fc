"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { addProofreadingTermAction, archiveProofreadingTermAction } from "@/lib/actions/proofreading-terms";
import { toActionResult } from "@/lib/actions/result";
import { messages } from "@/lib/i18n";

type Kind = "FORMULATION" | "TYPO" | "STYLE";
interface Term {
  id: string;
  kind: Kind;
  correct: string;
  wrong: string[];
  items: string[];
  note: string;
}

const t = messages.proofreading;

/** The site's proofreading additions: a form to add one, and the list with 停用. */
export function ProofreadingTerms({ terms }: { terms: Term[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function add(form: FormData) {
    setPending(true);
    const result = toActionResult(
      await addProofreadingTermAction({
        kind: String(form.get("kind")) as Kind,
        correct: String(form.get("correct") ?? ""),
        wrong: String(form.get("wrong") ?? ""),
        items: String(form.get("items") ?? ""),
        note: String(form.get("note") ?? ""),
      }),
    );
    setPending(false);
    setError(result.ok ? null : result.message);
    if (result.ok) router.refresh();
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <form action={add} className="space-y-3 rounded-lg border border-rule bg-white p-4" aria-label="添加词条">
        <label className="block text-sm">
          类型
          <select name="kind" className="mt-1 w-full rounded border border-rule px-2 py-1.5">
            {(Object.keys(t.kinds) as Kind[]).map((kind) => (
              <option key={kind} value={kind}>
                {t.kinds[kind]}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          正确写法
          <input name="correct" required className="mt-1 w-full rounded border border-rule px-2 py-1.5" />
        </label>
        <label className="block text-sm">
          错误写法（每行一个）
          <textarea name="wrong" rows={3} className="mt-1 w-full rounded border border-rule px-2 py-1.5" />
        </label>
        <label className="block text-sm">
          固定顺序的并列项（每行一个，仅规范表述）
          <textarea name="items" rows={3} className="mt-1 w-full rounded border border-rule px-2 py-1.5" />
        </label>
        <label className="block text-sm">
          说明
          <input name="note" className="mt-1 w-full rounded border border-rule px-2 py-1.5" />
        </label>
        {error && (
          <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <button type="submit" disabled={pending} className="rounded bg-brand px-3 py-1.5 text-white disabled:opacity-60">
          添加
        </button>
      </form>
      <table className="w-full self-start rounded-lg bg-white text-sm" data-testid="proofreading-terms">
        <thead className="text-left text-muted">
          <tr>
            <th className="p-2">类型</th>
            <th>正确写法</th>
            <th>错误写法</th>
            <th>说明</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {terms.map((term) => (
            <tr key={term.id} className="border-t border-rule">
              <td className="p-2">{t.kinds[term.kind]}</td>
              <td>{term.correct}</td>
              <td>{term.wrong.join("、")}</td>
              <td>{term.note}</td>
              <td className="text-right">
                <button
                  type="button"
                  className="px-2 text-brand underline"
                  onClick={async () => {
                    const result = toActionResult(await archiveProofreadingTermAction({ termId: term.id }));
                    if (result.ok) router.refresh();
                    else setError(result.message);
                  }}
                >
                  停用
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
