-- AlterTable
ALTER TABLE "NetworkSettings" ADD COLUMN "fundingMention" TEXT;
ALTER TABLE "NetworkSettings" ADD COLUMN "networkName" TEXT;
ALTER TABLE "NetworkSettings" ADD COLUMN "programmeName" TEXT;
