-- AlterEnum
ALTER TYPE "RevisionReason" ADD VALUE 'BEFORE_RESTORE';
