-- DropIndex
DROP INDEX "Report_committeeId_publishedAt_idx";

-- DropIndex
DROP INDEX "Report_publishedAt_idx";

-- CreateIndex
CREATE INDEX "Report_committeeId_publishedAt_id_idx" ON "Report"("committeeId", "publishedAt", "id");

-- CreateIndex
CREATE INDEX "Report_publishedAt_id_liveRevisionId_idx" ON "Report"("publishedAt", "id", "liveRevisionId");
