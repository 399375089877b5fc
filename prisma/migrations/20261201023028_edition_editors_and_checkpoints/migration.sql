-- AlterEnum
ALTER TYPE "RevisionReason" ADD VALUE 'CHECKPOINT';

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "editionEditorIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
