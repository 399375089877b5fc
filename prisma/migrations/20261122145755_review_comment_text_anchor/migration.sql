-- AlterTable
ALTER TABLE "ReviewComment" DROP COLUMN "anchorFrom",
DROP COLUMN "anchorTo",
ADD COLUMN     "anchorPrefix" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "anchorSuffix" TEXT NOT NULL DEFAULT '';
