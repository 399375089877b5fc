/**
 * .doc and .wps (OLE2 files) to .docx with LibreOffice headless. Each conversion runs in a
 * directory and LibreOffice profile of its own (two conversions sharing a profile block
 * each other) and is killed after a timeout, so a file that hangs LibreOffice cannot hang
 * the import.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ImportError } from "./errors";

export const CONVERSION_TIMEOUT_MS = 60_000;
const CANDIDATES = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"];

export function findSoffice(): string | null {
  // SOFFICE_PATH, when set, is the only place looked at (a path that does not exist means "none").
  const configured = process.env.SOFFICE_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

export const NO_SOFFICE_MESSAGE =
  "服务器上没有安装 LibreOffice，无法导入 .doc 或 .wps 文件。请管理员安装（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或将文件在 Word/WPS 中另存为 .docx 后再导入";

export async function convertToDocx(bytes: Uint8Array, extension: "doc" | "wps", timeoutMs = CONVERSION_TIMEOUT_MS): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice) throw new ImportError(NO_SOFFICE_MESSAGE);
  const work = await mkdtemp(path.join(tmpdir(), "report-import-"));
  try {
    const input = path.join(work, `input.${extension}`);
    const outDir = path.join(/*turbopackIgnore: true*/ work, "converted");
    await writeFile(input, bytes);
    await new Promise<void>((resolve, reject) => {
      // Not a file of the app: the build must not trace the project for it (whole-project tracing
      // copied every source and test file into the image; tests/e2e/build-output.test.ts).
      execFile(
        /*turbopackIgnore: true*/ soffice,
        [`-env:UserInstallation=file://${path.join(work, "profile")}`, "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir, input],
        { timeout: timeoutMs, killSignal: "SIGKILL", env: { ...process.env, HOME: work } },
        (error) => (error ? reject(error) : resolve()),
      );
    }).catch(() => {
      throw new ImportError("文件转换失败或超时，文件可能已损坏。请用 Word 或 WPS 打开后另存为 .docx 再导入");
    });
    const produced = await readdir(outDir).catch(() => [] as string[]);
    const docx = produced.find((name) => name.endsWith(".docx"));
    if (!docx) throw new ImportError("文件无法转换为 Word 文档，可能已损坏或不是 .doc/.wps 文件");
    return await readFile(path.join(/*turbopackIgnore: true*/ outDir, docx));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
