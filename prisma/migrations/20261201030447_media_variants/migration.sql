-- DropIndex
DROP INDEX "Media_storageKey_key";

-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "contentHash" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Media_contentHash_idx" ON "Media"("contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "Media_committeeId_contentHash_key" ON "Media"("committeeId", "contentHash");
