"use client";

import type { Editor, TextSerializer } from "@tiptap/core";
import { useEffect, useRef, useState } from "react";
import { countChineseCharacters } from "@/lib/content/char-count";
import type { FigureAttrs } from "@/lib/content/extensions";
import { format } from "@/lib/i18n";
import { editorMessages as t } from "@/lib/i18n/editor.zh-CN";
import { idleTask } from "./idle";

const COUNT_DELAY_MS = 300;

/** Captions and credits count, as in the server's plain text (lib/content/render.ts). */
const figureText: TextSerializer = ({ node }) => {
  const { caption, credit } = node.attrs as FigureAttrs;
  return [caption, credit].filter(Boolean).join(" ");
};

export function countEditorCharacters(editor: Editor): number {
  return countChineseCharacters(editor.getText({ blockSeparator: "\n", textSerializers: { figure: figureText } }));
}

interface CharCountProps {
  editor: Editor;
  onCharCount?: (count: number) => void;
}

/** 「字数：1,234」 under the editor, recounted after typing pauses rather than on every keystroke. */
export function CharCount({ editor, onCharCount }: CharCountProps) {
  const [count, setCount] = useState<number | null>(null);
  const onCharCountRef = useRef(onCharCount);
  useEffect(() => {
    onCharCountRef.current = onCharCount;
  });

  useEffect(() => {
    const recount = () => {
      // Mid-composition the text still holds pinyin; count once the characters are chosen.
      if (editor.isDestroyed) return;
      if (editor.view.composing) return task.schedule();
      const next = countEditorCharacters(editor);
      setCount(next);
      onCharCountRef.current?.(next);
    };
    const task = idleTask(recount, COUNT_DELAY_MS);
    recount();
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged) task.schedule();
    };
    editor.on("transaction", onTransaction);
    return () => {
      editor.off("transaction", onTransaction);
      task.cancel();
    };
  }, [editor]);

  return (
    <p className="report-editor__count">{count === null ? "\u00a0" : format(t.charCount, { count: count.toLocaleString("en-US") })}</p>
  );
}
