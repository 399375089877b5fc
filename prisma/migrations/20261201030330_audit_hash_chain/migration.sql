-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorId_fkey";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "committeeId" TEXT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "sequence" BIGINT;

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "sequence" BIGINT NOT NULL DEFAULT 0,
    "hash" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_sequence_key" ON "AuditEvent"("sequence");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_sequence_idx" ON "AuditEvent"("actorId", "sequence");

-- CreateIndex
CREATE INDEX "AuditEvent_committeeId_sequence_idx" ON "AuditEvent"("committeeId", "sequence");

-- CreateIndex
CREATE INDEX "AuditEvent_action_sequence_idx" ON "AuditEvent"("action", "sequence");

-- One row only: the head every append locks.
ALTER TABLE "AuditChainHead" ADD CONSTRAINT "AuditChainHead_one_row" CHECK ("id" = 1);
INSERT INTO "AuditChainHead" ("id", "sequence", "hash") VALUES (1, 0, '');

-- Rows written before the chain keep a null sequence (verify counts them as unchained history);
-- give the report ones their committee so the viewer's filter finds them.
UPDATE "AuditEvent" a SET "committeeId" = r."committeeId"
FROM "Report" r WHERE a."targetType" = 'Report' AND a."targetId" = r."id";
