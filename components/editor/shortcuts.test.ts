import { describe, expect, it } from "vitest";
import { ariaKeyShortcuts, shortcutLabel, SHORTCUTS } from "./shortcuts";

describe("shortcut labels", () => {
  it("spells shortcuts the way each platform does", () => {
    expect(shortcutLabel(SHORTCUTS.bold, false)).toBe("Ctrl+B");
    expect(shortcutLabel(SHORTCUTS.strike, false)).toBe("Ctrl+Shift+S");
    expect(shortcutLabel(SHORTCUTS.strike, true)).toBe("⇧⌘S");
    expect(shortcutLabel(SHORTCUTS.heading2, true)).toBe("⌥⌘2");
    expect(ariaKeyShortcuts(SHORTCUTS.redo, false)).toBe("Control+Shift+Z");
    expect(ariaKeyShortcuts(SHORTCUTS.bold, true)).toBe("Meta+B");
  });
});
