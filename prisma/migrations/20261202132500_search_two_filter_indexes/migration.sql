-- CreateIndex
CREATE INDEX "SearchDocument_committeeId_year_publishedAt_idx" ON "SearchDocument"("committeeId", "year", "publishedAt");

-- CreateIndex
CREATE INDEX "SearchDocument_committeeId_column_publishedAt_idx" ON "SearchDocument"("committeeId", "column", "publishedAt");

-- CreateIndex
CREATE INDEX "SearchDocument_year_column_publishedAt_idx" ON "SearchDocument"("year", "column", "publishedAt");
