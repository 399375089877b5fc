-- CreateEnum
CREATE TYPE "ProofreadingTermKind" AS ENUM ('FORMULATION', 'TYPO', 'STYLE');

-- CreateTable
CREATE TABLE "ProofreadingTerm" (
    "id" TEXT NOT NULL,
    "kind" "ProofreadingTermKind" NOT NULL,
    "correct" TEXT NOT NULL,
    "wrong" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "items" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "ProofreadingTerm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProofreadingTerm_archivedAt_kind_idx" ON "ProofreadingTerm"("archivedAt", "kind");

