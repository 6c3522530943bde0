-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "firstName" TEXT NOT NULL DEFAULT '';
