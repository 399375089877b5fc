/**
 * Checks a .docx (a zip) before any library extracts it: mammoth inflates every part it
 * needs with jszip, which trusts the sizes in the archive. A zip bomb (a small file that
 * claims, or secretly holds, gigabytes) or an archive of thousands of entries is refused
 * here from the central directory, then each entry is inflated once with a hard output
 * limit so that a directory that lies about sizes is caught too.
 */
import { inflateRawSync } from "node:zlib";
import { ImportError } from "./errors";

export const MAX_ZIP_ENTRIES = 1000;
export const MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024;
const MAX_ENTRY_BYTES = 100 * 1024 * 1024;

const CORRUPT = "文件已损坏，无法读取（不是完整的 Word 文档）。请用 Word 或 WPS 打开后另存为 .docx 再导入";
const BOMB = "文件解压后过大或包含的部件过多，疑似压缩炸弹，已拒绝导入";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function readZipDirectory(buffer: Buffer): ZipEntry[] {
  // End of central directory: 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ImportError(CORRUPT);
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new ImportError(BOMB);
  if (count > MAX_ZIP_ENTRIES) throw new ImportError(BOMB);
  if (offset + size > buffer.length) throw new ImportError(CORRUPT);

  const entries: ZipEntry[] = [];
  let total = 0;
  let position = offset;
  for (let i = 0; i < count; i++) {
    if (position + 46 > buffer.length || buffer.readUInt32LE(position) !== 0x02014b50) throw new ImportError(CORRUPT);
    const method = buffer.readUInt16LE(position + 10);
    const compressedSize = buffer.readUInt32LE(position + 20);
    const uncompressedSize = buffer.readUInt32LE(position + 24);
    const nameLength = buffer.readUInt16LE(position + 28);
    const extraLength = buffer.readUInt16LE(position + 30);
    const commentLength = buffer.readUInt16LE(position + 32);
    const localHeaderOffset = buffer.readUInt32LE(position + 42);
    const name = buffer.subarray(position + 46, position + 46 + nameLength).toString("utf8");
    if (uncompressedSize === 0xffffffff || uncompressedSize > MAX_ENTRY_BYTES) throw new ImportError(BOMB);
    total += uncompressedSize;
    if (total > MAX_UNCOMPRESSED_BYTES) throw new ImportError(BOMB);
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates every entry with its declared size as the limit: a lying directory fails here. */
export function checkZipContents(buffer: Buffer, entries: ZipEntry[]): void {
  for (const entry of entries) {
    const local = entry.localHeaderOffset;
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) throw new ImportError(CORRUPT);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw new ImportError(CORRUPT);
      continue;
    }
    if (entry.method !== 8) throw new ImportError(CORRUPT);
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      throw new ImportError(error instanceof RangeError ? BOMB : CORRUPT);
    }
    if (inflated.length !== entry.uncompressedSize) throw new ImportError(CORRUPT);
  }
}
