// CSV as Excel on a Chinese Windows opens it: UTF-8 with a byte-order mark (without it Excel
// guesses GBK and shows mojibake), CRLF line ends, every field quoted when needed.

export const CSV_BOM = "\uFEFF";

/** One field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused so a
 * spreadsheet does not run it as a formula (CSV injection). */
export function csvField(value: string | number | bigint | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | bigint | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
