-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "threadOfId" INTEGER;

-- CreateTable
CREATE TABLE "HelpRequest" (
    "id" SERIAL NOT NULL,
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
    "firstAnswerAt" TIMESTAMP(3),
    "firstAnswerBy" TEXT,
    "lastActivityAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "nudgedPeersAt" TIMESTAMP(3),
    "nudgedCoordinatorsAt" TIMESTAMP(3),
    "staleAskedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HelpRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HelpHelper" (
    "requestId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "thanked" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "HelpHelper_pkey" PRIMARY KEY ("requestId","userId")
);

-- CreateTable
CREATE TABLE "HelpAnswer" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "messageTs" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HelpAnswer_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "HelpHelper" ADD CONSTRAINT "HelpHelper_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "HelpRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpAnswer" ADD CONSTRAINT "HelpAnswer_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "HelpRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
