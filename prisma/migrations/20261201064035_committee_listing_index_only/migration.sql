-- DropIndex
DROP INDEX "Report_committeeId_publishedAt_id_idx";

-- CreateIndex
CREATE INDEX "Report_committeeId_publishedAt_id_liveRevisionId_idx" ON "Report"("committeeId", "publishedAt", "id", "liveRevisionId");
