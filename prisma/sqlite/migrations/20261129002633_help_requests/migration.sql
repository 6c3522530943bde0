-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "threadOfId" INTEGER;

-- CreateTable
CREATE TABLE "HelpRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "skillsWanted" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'open',
    "channelId" TEXT NOT NULL,
    "outboxId" INTEGER,
    "answersCount" INTEGER NOT NULL DEFAULT 0,
    "firstAnswerAt" DATETIME,
    "firstAnswerBy" TEXT,
    "lastActivityAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "nudgedPeersAt" DATETIME,
    "nudgedCoordinatorsAt" DATETIME,
    "staleAskedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HelpHelper" (
    "requestId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "thanked" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("requestId", "userId"),
    CONSTRAINT "HelpHelper_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "HelpRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HelpAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "messageTs" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    CONSTRAINT "HelpAnswer_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "HelpRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "HelpRequest_teamId_status_idx" ON "HelpRequest"("teamId", "status");

-- CreateIndex
CREATE INDEX "HelpRequest_teamId_createdAt_idx" ON "HelpRequest"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "HelpRequest_outboxId_idx" ON "HelpRequest"("outboxId");

-- CreateIndex
CREATE INDEX "HelpHelper_userId_takenAt_idx" ON "HelpHelper"("userId", "takenAt");

-- CreateIndex
CREATE UNIQUE INDEX "HelpAnswer_requestId_messageTs_key" ON "HelpAnswer"("requestId", "messageTs");
