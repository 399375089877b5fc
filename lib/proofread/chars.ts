/** Character classes shared by the rules; code-unit tests because they run on every character. */

export function isHanCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3007;
}

export function isHan(char: string | undefined): boolean {
  return char !== undefined && char.length > 0 && isHanCode(char.charCodeAt(0));
}

/** Chinese (full-width) punctuation that a Chinese sentence is made of. */
export const CHINESE_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·";

export function isChinesePunct(char: string | undefined): boolean {
  return char !== undefined && char !== "" && CHINESE_PUNCT.includes(char);
}

/** Han or Chinese punctuation: the context in which half-width marks are wrong. */
export function isChineseContext(char: string | undefined): boolean {
  return isHan(char) || isChinesePunct(char);
}

export function isAsciiAlnum(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z0-9]$/.test(char);
}

export function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= "0" && char <= "9";
}

/** URLs and e-mail addresses: their half-width marks and letters are not errors. */
const PROTECTED = /(?:https?:\/\/|www\.)[\w\-./?%&=#:~+@!,;*]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

export function findProtectedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(PROTECTED)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}
