-- AlterTable
ALTER TABLE "NetworkSettings" ADD COLUMN     "fundingMention" TEXT,
ADD COLUMN     "networkName" TEXT,
ADD COLUMN     "programmeName" TEXT;
