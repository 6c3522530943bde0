-- CreateTable
CREATE TABLE "ProcessedSubmission" (
    "key" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "answer" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedSubmission_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ProcessedSubmission_receivedAt_idx" ON "ProcessedSubmission"("receivedAt");
