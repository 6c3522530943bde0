-- CreateTable
CREATE TABLE "ProcessedSubmission" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "answer" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ProcessedSubmission_receivedAt_idx" ON "ProcessedSubmission"("receivedAt");
