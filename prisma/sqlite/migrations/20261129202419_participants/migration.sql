-- CreateTable
CREATE TABLE "Participant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "gender" TEXT,
    "ageBand" TEXT,
    "employment" TEXT,
    "education" TEXT,
    "disability" TEXT,
    "otherDisadvantage" TEXT,
    "entryUpdatedBy" TEXT,
    "entryUpdatedAt" DATETIME,
    "exit4w" TEXT,
    "exit4wBy" TEXT,
    "exit4wAt" DATETIME,
    "exit6m" TEXT,
    "exit6mBy" TEXT,
    "exit6mAt" DATETIME,
    "erasedAt" DATETIME,
    "erasedBy" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Participant_code_key" ON "Participant"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_teamId_userId_key" ON "Participant"("teamId", "userId");
