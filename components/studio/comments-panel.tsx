"use client";

import { useState } from "react";
import type { CommentThread } from "@/lib/reports/queries/workspace";

/** Review threads beside the body: quote, comment, replies, resolve. */
export function CommentsPanel(props: {
  threads: CommentThread[];
  activeId: string | null;
  canReply: boolean;
  canResolve: boolean;
  onSelect: (id: string) => void;
  onReply: (threadId: string, body: string) => Promise<string | null>;
  onResolve: (threadId: string, resolved: boolean) => Promise<void>;
}) {
  const open = props.threads.filter((t) => !t.resolved);
  const resolved = props.threads.filter((t) => t.resolved);
  return (
    <section aria-labelledby="comments-heading" className="space-y-3">
      <h2 id="comments-heading" className="text-sm font-bold text-muted">
        审核意见（{open.length}）
      </h2>
      {props.threads.length === 0 && <p className="text-sm text-muted">暂无评论。选中正文中的文字即可评论。</p>}
      {[...open, ...resolved].map((thread) => (
        <Thread key={thread.id} thread={thread} {...props} active={thread.id === props.activeId} />
      ))}
    </section>
  );
}

function Thread(props: {
  thread: CommentThread;
  active: boolean;
  canReply: boolean;
  canResolve: boolean;
  onSelect: (id: string) => void;
  onReply: (threadId: string, body: string) => Promise<string | null>;
  onResolve: (threadId: string, resolved: boolean) => Promise<void>;
}) {
  const { thread } = props;
  const [reply, setReply] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <article
      data-testid="comment-thread"
      className={`rounded border bg-white p-3 text-sm ${props.active ? "border-amber-500 ring-2 ring-amber-200" : "border-rule"} ${thread.resolved ? "opacity-60" : ""}`}
    >
      {thread.quote && (
        <button type="button" onClick={() => props.onSelect(thread.id)} className="mb-2 block w-full border-l-4 border-amber-400 bg-amber-50 px-2 py-1 text-left text-xs text-ink/80">
          「{thread.quote}」
        </button>
      )}
      <p>
        <span className="font-medium">{thread.author}</span> <span className="text-xs text-muted">{thread.at}</span>
      </p>
      <p className="mt-1 whitespace-pre-wrap">{thread.body}</p>
      {thread.replies.map((r) => (
        <div key={r.id} className="mt-2 border-t border-rule pt-2">
          <p>
            <span className="font-medium">{r.author}</span> <span className="text-xs text-muted">{r.at}</span>
          </p>
          <p className="mt-1 whitespace-pre-wrap">{r.body}</p>
        </div>
      ))}
      {props.canReply && !thread.resolved && (
        <form
          className="mt-2 flex gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            const failure = await props.onReply(thread.id, reply);
            if (failure) setError(failure);
            else {
              setReply("");
              setError(null);
            }
          }}
        >
          <label className="sr-only" htmlFor={`reply-${thread.id}`}>
            回复
          </label>
          <input
            id={`reply-${thread.id}`}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            placeholder="回复…"
            className="min-w-0 flex-1 rounded border border-rule px-2 py-1"
          />
          <button type="submit" className="rounded border border-rule px-2 py-1">
            回复
          </button>
        </form>
      )}
      {error && <p className="mt-1 text-xs text-red-700">{error}</p>}
      {props.canResolve && (
        <button type="button" onClick={() => props.onResolve(thread.id, !thread.resolved)} className="mt-2 text-xs text-brand underline">
          {thread.resolved ? "重新打开" : "标记为已解决"}
        </button>
      )}
    </article>
  );
}
