-- CreateIndex
CREATE INDEX "SearchDocument_column_committeeId_idx" ON "SearchDocument"("column", "committeeId");
