-- CreateTable
CREATE TABLE "SearchDocument" (
    "reportId" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "column" TEXT NOT NULL DEFAULT '',
    "year" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "headTsv" tsvector NOT NULL,
    "tsv" tsvector NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("reportId")
);

-- CreateIndex
CREATE INDEX "SearchDocument_tsv_idx" ON "SearchDocument" USING GIN ("tsv");

-- CreateIndex
CREATE INDEX "SearchDocument_headTsv_idx" ON "SearchDocument" USING GIN ("headTsv");

-- CreateIndex
CREATE INDEX "SearchDocument_committeeId_publishedAt_idx" ON "SearchDocument"("committeeId", "publishedAt");

-- CreateIndex
CREATE INDEX "SearchDocument_year_publishedAt_idx" ON "SearchDocument"("year", "publishedAt");

-- CreateIndex
CREATE INDEX "SearchDocument_column_publishedAt_idx" ON "SearchDocument"("column", "publishedAt");

-- CreateIndex
CREATE INDEX "SearchDocument_publishedAt_idx" ON "SearchDocument"("publishedAt");

-- AddForeignKey
ALTER TABLE "SearchDocument" ADD CONSTRAINT "SearchDocument_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
