-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN "leaseUntil" DATETIME;

-- CreateIndex
CREATE INDEX "JobRun_status_leaseUntil_idx" ON "JobRun"("status", "leaseUntil");
