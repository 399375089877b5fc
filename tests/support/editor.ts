// Helpers for driving the report editor in browser tests.
import type { Page } from "playwright-core";

/** Puts the caret at the end of the first body block containing `text` (or the last block). */
export async function caretAtEndOf(page: Page, text?: string) {
  await page.evaluate((needle) => {
    const blocks = [...document.querySelectorAll(".ProseMirror p, .ProseMirror h2, .ProseMirror h3, .ProseMirror li")];
    const block = needle ? blocks.find((el) => el.textContent?.includes(needle)) : blocks.at(-1);
    if (!block) throw new Error(`no block containing ${needle}`);
    const editor = block.closest(".ProseMirror") as HTMLElement;
    editor.focus();
    const range = document.createRange();
    range.selectNodeContents(block);
    range.collapse(false);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, text);
  // ProseMirror reads the DOM selection on selectionchange; give it a frame.
  await page.waitForTimeout(50);
}

/** After an edit: waits until the change was noticed, then until the server has it. */
export async function waitSavedAfterEdit(page: Page) {
  const status = page.locator("[data-testid=save-status]");
  await status.filter({ hasText: /有未保存的修改|保存中/ }).waitFor({ timeout: 5_000 });
  await status.filter({ hasText: "已保存" }).waitFor({ timeout: 15_000 });
}
