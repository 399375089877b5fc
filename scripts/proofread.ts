// npm run proofread -- <file.txt|file.docx>…
// Prints every finding of the proofreading checker as one JSON object a line, so the
// checker can be run over an archive: {file, rule, severity, offset, length, line, text, suggestion, message}.
// Offsets are UTF-16 offsets in the file's text (for .docx: in mammoth's raw text); line is 1-based.
import fs from "node:fs";
import path from "node:path";
import mammoth from "mammoth";
import { checkText } from "../lib/proofread/index";

/** UTF-8, or GB18030 for the older archive files that are not valid UTF-8. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

async function readText(file: string): Promise<string> {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".docx") return (await mammoth.extractRawText({ path: file })).value;
  if (ext === ".txt" || ext === ".md" || ext === "") return decodeText(fs.readFileSync(file));
  throw new Error(`unsupported file type ${ext} (expected .txt or .docx)`);
}

async function main(): Promise<number> {
  const files = process.argv.slice(2).filter((arg) => arg !== "--");
  if (files.length === 0) {
    console.error("usage: npm run proofread -- <file.txt|file.docx>…");
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readText(file);
    } catch (error) {
      console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      failed++;
      continue;
    }
    const lineStarts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
    let lineIndex = 0;
    for (const f of checkText(text)) {
      while (lineIndex + 1 < lineStarts.length && lineStarts[lineIndex + 1]! <= f.offset) lineIndex++;
      const record = {
        file,
        rule: f.rule,
        severity: f.severity,
        offset: f.offset,
        length: f.length,
        line: lineIndex + 1,
        text: f.text,
        suggestion: f.suggestion ?? null,
        message: f.message,
      };
      process.stdout.write(`${JSON.stringify(record)}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
