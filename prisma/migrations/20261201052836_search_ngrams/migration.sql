-- The search index changes shape (positionless unigram/bigram vectors plus the folded text,
-- made by lib/search/document.ts). Its rows are emptied here and rebuilt from the live
-- editions by the app: `npm start` / `npm run dev` index every live report that has no row
-- (scripts/serve.ts, reindexAllPublished), before serving.
DELETE FROM "SearchDocument";

-- DropIndex
DROP INDEX "SearchDocument_tsv_idx";

-- DropIndex
DROP INDEX "SearchDocument_headTsv_idx";

-- AlterTable
ALTER TABLE "SearchDocument" DROP COLUMN "headTsv",
DROP COLUMN "tsv",
ADD COLUMN     "grams" tsvector NOT NULL,
ADD COLUMN     "headGrams" tsvector NOT NULL,
ADD COLUMN     "headText" TEXT NOT NULL,
ADD COLUMN     "text" TEXT NOT NULL;

-- CreateIndex
CREATE INDEX "SearchDocument_grams_idx" ON "SearchDocument" USING GIN ("grams");

-- CreateIndex
CREATE INDEX "SearchDocument_headGrams_idx" ON "SearchDocument" USING GIN ("headGrams");
