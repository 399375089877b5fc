/** Keyboard shortcuts as shown in tooltips and announced through `aria-keyshortcuts`. */

/** Keys in Tiptap's notation: "Mod" is ⌘ on Apple systems and Ctrl elsewhere. */
export type Shortcut = readonly string[];

export const SHORTCUTS = {
  paragraph: ["Mod", "Alt", "0"],
  heading2: ["Mod", "Alt", "2"],
  heading3: ["Mod", "Alt", "3"],
  heading4: ["Mod", "Alt", "4"],
  bold: ["Mod", "B"],
  italic: ["Mod", "I"],
  underline: ["Mod", "U"],
  strike: ["Mod", "Shift", "S"],
  orderedList: ["Mod", "Shift", "7"],
  bulletList: ["Mod", "Shift", "8"],
  blockquote: ["Mod", "Shift", "B"],
  link: ["Mod", "K"],
  alignLeft: ["Mod", "Shift", "L"],
  alignCenter: ["Mod", "Shift", "E"],
  alignRight: ["Mod", "Shift", "R"],
  alignJustify: ["Mod", "Shift", "J"],
  undo: ["Mod", "Z"],
  redo: ["Mod", "Shift", "Z"],
} as const satisfies Record<string, Shortcut>;

const MAC_SYMBOLS: Record<string, string> = { Mod: "⌘", Shift: "⇧", Alt: "⌥" };
/** Apple's order of modifier symbols. */
const MAC_ORDER = ["Alt", "Shift", "Mod"];

/** "Ctrl+Shift+S" elsewhere, "⇧⌘S" on a Mac. */
export function shortcutLabel(keys: Shortcut, mac: boolean): string {
  if (!mac) return keys.map((key) => (key === "Mod" ? "Ctrl" : key)).join("+");
  const modifiers = MAC_ORDER.filter((key) => keys.includes(key)).map((key) => MAC_SYMBOLS[key]);
  return [...modifiers, ...keys.filter((key) => !(key in MAC_SYMBOLS))].join("");
}

/** The `aria-keyshortcuts` value: "Control+Shift+S" or "Meta+Shift+S". */
export function ariaKeyShortcuts(keys: Shortcut, mac: boolean): string {
  return keys.map((key) => (key === "Mod" ? (mac ? "Meta" : "Control") : key)).join("+");
}
