// The backup file: one gzip-compressed tar (tar-stream + node:zlib) whose entries are the
// copied files under postgres/ and media/, and manifest.json last. The manifest comes last
// because it lists each file's SHA-256, known only once the file has been streamed in; a
// restore extracts everything into a staging folder and then checks it against the list.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import tarStream from "tar-stream";

export const MANIFEST_NAME = "manifest.json";
const CHUNK = 1 << 20;

export interface ArchivedFile {
  path: string;
  size: number;
  sha256: string;
}

export class CorruptArchiveError extends Error {
  constructor(file: string, reason: string) {
    super(
      `备份文件 ${file} 已损坏或不完整（${reason}），未做任何更改。\n` +
        `The backup file ${file} is corrupt or incomplete (${reason}); nothing was changed.`,
    );
    this.name = "CorruptArchiveError";
  }
}

export class ArchiveWriter {
  readonly files: ArchivedFile[] = [];
  private readonly pack = tarStream.pack();
  private readonly written: Promise<void>;
  private readonly mtime = new Date();

  /** Written under this name and renamed when complete, so an interrupted backup (Ctrl+C,
   *  a full disk) never leaves a file that looks like a finished backup. */
  private readonly partial: string;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.partial = `${file}.partial`;
    // Level 1: the data files are mostly empty pages that compress well at any level, and
    // the time a backup takes matters more here than the last few percent of size.
    this.written = pipeline(
      this.pack,
      zlib.createGzip({ level: 1 }),
      fs.createWriteStream(this.partial, { flags: "wx", mode: 0o600 }),
    );
    // Errors surface when finish() awaits the pipeline; this keeps them from being unhandled.
    this.written.catch(() => {});
  }

  /** Total size of the archived file contents, before compression */
  get contentBytes(): number {
    return this.files.reduce((sum, f) => sum + f.size, 0);
  }

  async addDirectory(name: string, mode = 0o700): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.pack.entry({ name, type: "directory", mode, mtime: this.mtime }, (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }

  async addBuffer(name: string, content: Buffer): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.pack.entry({ name, type: "file", mode: 0o600, mtime: this.mtime, size: content.length }, content, (error) =>
        error ? reject(error) : resolve(),
      );
    });
    this.files.push({ path: name, size: content.length, sha256: sha256(content) });
  }

  /**
   * Streams a file that may be changing underneath us (a running database): its size is
   * taken when it is opened, a file that shrinks meanwhile is padded with zeros, and one that
   * grows is cut at that size. WAL replay repairs both. Returns false if the file vanished
   * before it could be opened (a table dropped during the backup).
   */
  async addFile(name: string, source: string): Promise<boolean> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(source, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
    try {
      const { size, mode } = await handle.stat();
      const hash = crypto.createHash("sha256");
      let entryDone!: Promise<void>;
      const entry = await new Promise<ReturnType<tarStream.Pack["entry"]>>((resolve) => {
        entryDone = new Promise<void>((done, fail) => {
          resolve(
            this.pack.entry({ name, type: "file", mode: mode & 0o777, mtime: this.mtime, size }, (error) =>
              error ? fail(error) : done(),
            ),
          );
        });
      });
      let position = 0;
      while (position < size) {
        const buffer = Buffer.alloc(Math.min(CHUNK, size - position));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        // Past the current end (the file shrank): keep the zeros Buffer.alloc gave us.
        const chunk = bytesRead === 0 ? buffer : buffer.subarray(0, bytesRead);
        hash.update(chunk);
        position += chunk.length;
        if (!entry.write(chunk)) await once(entry, "drain");
      }
      entry.end(null); // streamx types want an argument; null adds no data
      await entryDone;
      this.files.push({ path: name, size, sha256: hash.digest("hex") });
      return true;
    } finally {
      await handle.close();
    }
  }

  /** Writes the manifest as the last entry and closes the archive. */
  async finish(manifest: unknown): Promise<void> {
    const content = Buffer.from(JSON.stringify(manifest, null, 2) + "\n");
    await new Promise<void>((resolve, reject) => {
      this.pack.entry({ name: MANIFEST_NAME, type: "file", mode: 0o600, mtime: this.mtime, size: content.length }, content, (error) =>
        error ? reject(error) : resolve(),
      );
    });
    this.pack.finalize();
    await this.written;
    // On disk before the command says "written": a backup lost to a power cut is no backup.
    const fd = fs.openSync(this.partial, "r+");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(this.partial, this.file);
  }

  /** Stops writing and removes the partial file. */
  async abort(): Promise<void> {
    this.pack.destroy();
    await this.written.catch(() => {});
    fs.rmSync(this.partial, { force: true });
  }
}

export interface ExtractedArchive {
  manifest: Buffer;
  /** Every file extracted, by its name in the archive */
  files: Map<string, { size: number; sha256: string }>;
}

/**
 * Extracts `file`, writing each entry where `destination(name)` says (null: refuse the
 * entry). Any damage — a bad gzip checksum, a truncated file, a malformed tar header, an
 * unexpected entry — throws CorruptArchiveError.
 */
export async function extractArchive(
  file: string,
  destination: (name: string) => string | null,
): Promise<ExtractedArchive> {
  const files = new Map<string, { size: number; sha256: string }>();
  let manifest: Buffer | undefined;
  const extract = tarStream.extract();
  const reading = pipeline(fs.createReadStream(file), zlib.createGunzip(), extract);
  reading.catch(() => {});
  try {
    for await (const entry of extract) {
      const name = normalizeEntryName(entry.header.name);
      if (name === null) throw new Error(`unexpected entry name ${JSON.stringify(entry.header.name)}`);
      if (name === MANIFEST_NAME && entry.header.type === "file") {
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        manifest = Buffer.concat(chunks);
        continue;
      }
      const target = destination(name);
      if (target === null) throw new Error(`unexpected entry ${name}`);
      // Modes as archived (the owner keeps read and write, whatever the header says).
      const mode = (entry.header.mode ?? 0o600) & 0o777;
      if (entry.header.type === "directory") {
        fs.mkdirSync(target, { recursive: true, mode: mode | 0o700 });
        fs.chmodSync(target, mode | 0o700);
        entry.resume();
        continue;
      }
      if (entry.header.type !== "file") throw new Error(`unexpected entry type ${entry.header.type} for ${name}`);
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      const hash = crypto.createHash("sha256");
      let size = 0;
      const out = fs.createWriteStream(target, { flags: "wx", mode: mode | 0o600 });
      for await (const chunk of entry) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
        if (!out.write(chunk)) await once(out, "drain");
      }
      out.end();
      await once(out, "close");
      fs.chmodSync(target, mode | 0o600); // the umask may have narrowed it
      if (files.has(name)) throw new Error(`duplicate entry ${name}`);
      files.set(name, { size, sha256: hash.digest("hex") });
    }
    await reading;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CorruptArchiveError(file, reason);
  }
  if (!manifest) throw new CorruptArchiveError(file, "no manifest.json");
  return { manifest, files };
}

/** "postgres/base/1/1259" as given; null for absolute paths, "..", or empty names. */
function normalizeEntryName(raw: string): string | null {
  const name = raw.replace(/\/+$/, "");
  if (name === "" || name.startsWith("/") || name.includes("\\") || name.includes("\0")) return null;
  const parts = name.split("/");
  if (parts.some((part) => part === "" || part === "." || part === "..")) return null;
  return name;
}

export function sha256(content: Buffer): string {
  return crypto.createHash("sha256").update(content).digest("hex");
}
