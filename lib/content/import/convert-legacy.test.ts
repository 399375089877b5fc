import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { findSoffice, NO_SOFFICE_MESSAGE } from "./convert-legacy";
import { ImportError, importFile } from "./index";

const soffice = findSoffice();
if (!soffice) {
  // Loud, not silent: these tests need LibreOffice (apt-get install libreoffice-writer-nogui).
  console.warn("\n⚠ soffice not found: the .doc/.wps import tests are SKIPPED (apt-get install libreoffice-writer-nogui)\n");
}

/** A .doc made the way member units make them: a .docx saved as Word 97 by LibreOffice itself. */
async function makeDoc(): Promise<Buffer> {
  const docx = await Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "机关党建工作情况报告", bold: true, size: 44 })] }),
            new Paragraph("一、基本情况"),
            new Paragraph("全市机关党组织认真落实全面从严治党要求，取得明显成效。"),
          ],
        },
      ],
    }),
  );
  const work = mkdtempSync(path.join(tmpdir(), "legacy-test-"));
  try {
    writeFileSync(path.join(work, "in.docx"), docx);
    execFileSync(soffice!, [`-env:UserInstallation=file://${work}/profile`, "--headless", "--convert-to", "doc", "--outdir", work, path.join(work, "in.docx")], { stdio: "ignore", env: { ...process.env, HOME: work } });
    return readFileSync(path.join(work, "in.doc"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// .ci/run installs LibreOffice: in CI its absence is a failure, not a skip.
it.runIf(!soffice && process.env.CI === "true")("has LibreOffice (soffice) under CI", () => {
  expect(soffice, "soffice missing under CI=true: .ci/run should have installed libreoffice-writer-nogui").not.toBeNull();
});

describe.skipIf(!soffice)(".doc and .wps through LibreOffice", () => {
  it("imports a .doc (and the same bytes named .wps) with its title and headings", async () => {
    const doc = await makeDoc();
    for (const fileName of ["report.doc", "report.wps"]) {
      const report = await importFile(doc, { fileName });
      expect(report.format).toBe(fileName.endsWith(".wps") ? "wps" : "doc");
      expect(report.title).toBe("机关党建工作情况报告");
      expect((report.content.content ?? []).find((node) => node.type === "heading")?.content?.[0]?.text).toBe("一、基本情况");
    }
  }, 60_000);

  it("refuses a corrupt OLE2 file with a Chinese message", async () => {
    const ole = Buffer.alloc(4096, 7);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const error = await importFile(ole, { fileName: "broken.doc" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/[\u4e00-\u9fff]/u);
  }, 60_000);
});

describe("without LibreOffice", () => {
  it("says in Chinese what to install, and stores nothing", async () => {
    const saved = process.env.SOFFICE_PATH;
    process.env.SOFFICE_PATH = "/nonexistent/soffice";
    try {
      const ole = Buffer.alloc(4096);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
      let stored = 0;
      const error = await importFile(ole, { fileName: "old.doc", storeImage: async () => (stored++, null) }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toBe(NO_SOFFICE_MESSAGE);
      expect(NO_SOFFICE_MESSAGE).toContain("libreoffice-writer-nogui");
      expect(stored).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.SOFFICE_PATH;
      else process.env.SOFFICE_PATH = saved;
    }
  });
});
