-- AlterTable
ALTER TABLE "SignInAttempt" ADD COLUMN     "address" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "SignInAttempt_address_createdAt_idx" ON "SignInAttempt"("address", "createdAt");
