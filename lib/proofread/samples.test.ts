import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkReport, checkText } from "./index";
import { cleanReportFromText, restoreFullWidth, usesHalfWidthPunctuation } from "./corpus/clean";
import { isKnown } from "./corpus/known";

const SAMPLES = path.resolve(import.meta.dirname, "../../prisma/seed-data/samples");
const files = fs.readdirSync(SAMPLES).filter((file) => file.endsWith(".txt")).sort();
const read = (file: string) => fs.readFileSync(path.join(SAMPLES, file), "utf8");

describe("the five sample reports", () => {
  it.each(files)("%s: every error and warning is a real defect of the source", (file) => {
    const { report } = cleanReportFromText(read(file));
    const unexpected = checkReport(report)
      .filter((finding) => finding.severity !== "hint")
      // The texts carry captions but not their photos: each caption is a figure waiting for its
      // photo, rightly reported until one is uploaded, and not a defect of the source.
      .filter((finding) => finding.rule !== "structure.figure-no-image")
      .filter((finding) => !isKnown(file, finding.rule, finding.text))
      .map((finding) => `${finding.rule} ${finding.text}`);
    expect(unexpected).toEqual([]);
  });

  it("reports the redaction marks of the speech as errors, and its 把挥 slip", () => {
    const { report } = cleanReportFromText(read("redacted-city-speech-2023.txt"));
    const findings = checkReport(report);
    const errors = findings.filter((finding) => finding.severity === "error");
    expect(errors.length).toBe(15);
    expect(errors.every((finding) => finding.rule === "placeholder.mark" && /^\*+$/.test(finding.text))).toBe(true);
    expect(findings.filter((finding) => finding.rule === "formulation.shape").map((finding) => finding.suggestion)).toEqual(["全面学习、全面把握、全面落实"]);
  });

  it("reports the half-width commas of the pages copied from the web, and nothing once they are restored", () => {
    const raw = read("zhangzhou-2022.txt");
    expect(usesHalfWidthPunctuation(raw)).toBe(true);
    expect(checkText(raw).filter((finding) => finding.rule === "punctuation.halfwidth").length).toBeGreaterThan(100);
    expect(checkText(restoreFullWidth(raw)).filter((finding) => finding.rule === "punctuation.halfwidth")).toEqual([]);
    // Dates, times and URLs keep their half-width marks.
    expect(restoreFullWidth("2022-01-17 9:30 见https://a.cn/x,y。")).toBe("2022-01-17 9:30 见https://a.cn/x,y。");
  });
});
