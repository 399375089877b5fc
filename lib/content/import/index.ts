/**
 * The one entry of report import: sniffs the file type from its bytes (never from its
 * name), applies the size limits, and hands the file to its importer.
 *
 * - zip with word/document.xml → .docx (mammoth)
 * - OLE2 → an encrypted Office file (refused), or .doc/.wps converted by LibreOffice
 * - UTF-8 or GB18030 text → newspaper text (plain-text.ts)
 */
import { convertToDocx } from "./convert-legacy";
import { importDocx } from "./docx";
import { ImportError, type StoreImage } from "./errors";
import { importPlainText } from "./plain-text";
import type { ImportedReport } from "./types";
import { checkZipContents, isZip, readZipDirectory } from "./zip-guard";

export { ImportError, type StoredImage, type StoreImage } from "./errors";
export type { ImportedReport } from "./types";

export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

export type ImportFormat = "docx" | "doc" | "wps" | "text";

export interface ImportResult extends ImportedReport {
  format: ImportFormat;
  figures: { total: number; waiting: number };
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isOle2(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && OLE2.every((byte, index) => bytes[index] === byte);
}

/** Office puts an encrypted .docx in an OLE2 file whose streams include EncryptedPackage. */
function isEncryptedOffice(buffer: Buffer): boolean {
  return buffer.includes(Buffer.from("EncryptedPackage", "utf16le")) || buffer.includes(Buffer.from("EncryptionInfo", "utf16le"));
}

function decodeText(buffer: Buffer): string | null {
  if (buffer.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(buffer);
    } catch {
      return null;
    }
  }
}

function countFigures(report: ImportedReport): { total: number; waiting: number } {
  const figures = (report.content.content ?? []).filter((node) => node.type === "figure");
  return { total: figures.length, waiting: figures.filter((node) => node.attrs?.src === null).length };
}

export async function importFile(
  bytes: Uint8Array,
  options: { fileName?: string; storeImage?: StoreImage } = {},
): Promise<ImportResult> {
  if (bytes.length === 0) throw new ImportError("文件是空的");
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError(`文件太大（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB），请压缩图片或拆分后再导入`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = (options.fileName ?? "").toLowerCase();

  if (isZip(buffer)) {
    const entries = readZipDirectory(buffer);
    if (!entries.some((entry) => entry.name === "word/document.xml")) {
      throw new ImportError("这个压缩文件不是 Word 文档（.docx），无法导入");
    }
    checkZipContents(buffer, entries);
    return { ...(await importDocx(buffer, options)), format: "docx" };
  }
  if (isOle2(buffer)) {
    if (isEncryptedOffice(buffer)) throw new ImportError("文件已加密，请另存为未加密的文件后再导入");
    const format = name.endsWith(".wps") ? "wps" : "doc";
    const converted = await convertToDocx(bytes, format);
    const report = await importFile(converted, { ...options, fileName: "converted.docx" });
    // LibreOffice opens almost anything as some document: a damaged file comes out empty, or
    // read as plain text full of U+FFFD where its binary bytes were.
    const text = JSON.stringify(report.content);
    if (text.includes("\ufffd") || (report.title === "" && report.figures.total === 0 && !/\S/u.test(text.replace(/"[a-zA-Z]+"|[{}[\]:,]|null/gu, "")))) {
      throw new ImportError("文件中没有可导入的内容，文件可能已损坏。请用 Word 或 WPS 打开后另存为 .docx 再导入");
    }
    return { ...report, format };
  }
  if (/\.(docx|doc|wps)$/u.test(name)) {
    throw new ImportError("文件内容不是 Word 或 WPS 文档（可能是改了扩展名的网页或其他文件），无法导入");
  }
  const text = decodeText(buffer);
  if (text === null) throw new ImportError("无法识别的文件类型：只能导入 .docx、.doc、.wps 或纯文本（.txt）");
  if (/^\s*<(?:!doctype|html)/iu.test(text)) throw new ImportError("这是网页文件，无法作为纯文本导入；请在浏览器中复制正文后粘贴");
  return importText(text);
}

export function importText(text: string): ImportResult {
  const report = importPlainText(text);
  return { ...report, format: "text", figures: countFigures(report) };
}
