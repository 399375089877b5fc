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

/** Submits from the report page, going through the proofreading checklist when it is shown. */
export async function submitInWorkspace(page: Page) {
  await page.getByRole("button", { name: "提交审核" }).click();
  const checklist = page.locator("[data-testid=submit-checklist]");
  const submitted = page.locator("text=待审核").first();
  await Promise.race([checklist.waitFor(), submitted.waitFor()]);
  if (await checklist.isVisible()) await checklist.getByRole("button", { name: "仍然提交" }).click();
  await submitted.waitFor();
}

/** Approves from the report page, acknowledging proofreading warnings with `reason` when asked. */
export async function approveInWorkspace(page: Page, reason: string) {
  await page.getByRole("button", { name: "审核通过并发布" }).click();
  const dialog = page.getByRole("dialog", { name: "确认校对提示" });
  const published = page.locator("text=已发布").first();
  await Promise.race([dialog.waitFor(), published.waitFor()]);
  if (await dialog.isVisible()) {
    await dialog.getByLabel("确认理由（必填，记入流程记录）").fill(reason);
    await dialog.getByRole("button", { name: "确认并发布" }).click();
  }
  await published.waitFor();
}
