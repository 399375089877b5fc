-- The search vectors are stored out of line without compression (STORAGE EXTERNAL). A vector
-- of unigrams and bigrams does not compress: PostgreSQL tried pglz on every write and kept the
-- value as it was (the same 305 MB for 20,000 rows either way), and that futile try was 10-28 %
-- of the time a search row took to write. Only new values are affected; Prisma does not model
-- column storage, so the schema file is unchanged.
ALTER TABLE "SearchDocument" ALTER COLUMN "grams" SET STORAGE EXTERNAL, ALTER COLUMN "headGrams" SET STORAGE EXTERNAL;
