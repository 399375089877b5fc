// For `npm run bench -- lighthouse`: publishes a photo report of 10 photos in 厦门 through the
// same commands the studio uses (import of a Word document, whose photos go through the media
// pipeline into MEDIA_DIR; submit; approve) and prints its id. Run with the react-server
// condition (server-only modules) on the bench database: DATABASE_URL and MEDIA_DIR are set by
// lighthouse.ts.
import { AlignmentType, Document, ImageRun, Packer, Paragraph, TextRun } from "docx";
import { photoJpeg } from "../../tests/support/images";
import { createPrismaClient } from "../../lib/db/client";
import { loadSessionUser } from "../../lib/auth/actor";
import type { TiptapDoc } from "../../lib/content/validate";

const PHOTOS = 10;

async function photoReport(): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "市直机关“我为群众办实事”志愿服务图片报道", bold: true, size: 44 })] }),
    new Paragraph({ children: [new TextRun("本报讯 近日，市直机关各级党组织组织党员干部走进社区、企业和学校，开展形式多样的志愿服务活动，把党的关怀送到群众身边。")] }),
  ];
  for (let i = 0; i < PHOTOS; i++) {
    // A 12-megapixel camera photo's aspect (3:2) at 4 megapixels: renditions up to 1600 wide.
    const data = await photoJpeg(2400, 1600, { seed: 500 + i });
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: "jpg", data, transformation: { width: 480, height: 320 }, altText: { name: "photo", title: `志愿服务现场 ${i + 1}`, description: `志愿服务现场 ${i + 1}` } })],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`党员志愿者在第 ${i + 1} 个服务点为群众提供服务。（本报记者 黄晓珍 摄）`)] }),
      new Paragraph({ children: [new TextRun("志愿者们耐心细致地为居民答疑解惑，现场气氛热烈，群众纷纷点赞。机关党员表示，将把志愿服务作为践行初心使命的重要载体，持续为群众办实事、解难题。")] }),
    );
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

async function main() {
  const url = process.env.DATABASE_URL!;
  const db = createPrismaClient(url, { max: 2 });
  try {
    const { importFileAsReport } = await import("../../lib/reports/commands/import-report");
    const { submitReport } = await import("../../lib/reports/commands/submit-report");
    const { approveReport } = await import("../../lib/reports/commands/approve-report");
    const { storeFromEnv } = await import("../../lib/media/storage");
    const { proofread, findingKey } = await import("../../lib/reports/rules/proofreading");
    const { toReportFields } = await import("../../lib/reports/rules/fields");
    const actor = async (username: string) => {
      const user = await db.user.findUniqueOrThrow({ where: { username } });
      return (await loadSessionUser(db, { userId: user.id, sessionVersion: user.sessionVersion }))!;
    };
    const committee = await db.committee.findUniqueOrThrow({ where: { slug: "xiamen" } });
    const editor = await actor("xiamen-editor");
    const { id } = await importFileAsReport({ actor: editor, committeeId: committee.id, bytes: await photoReport(), fileName: "图片报道.docx", store: storeFromEnv() });
    await submitReport({ actor: editor, reportId: id });
    const row = await db.report.findUniqueOrThrow({ where: { id } });
    const warnings = proofread({ fields: toReportFields(row), content: row.content as TiptapDoc }).filter((finding) => finding.severity === "warning");
    await approveReport({ actor: await actor("xiamen-reviewer"), reportId: id, acknowledgement: warnings.length > 0 ? { keys: warnings.map(findingKey), reason: "基准测试" } : undefined });
    console.log(id);
  } finally {
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
