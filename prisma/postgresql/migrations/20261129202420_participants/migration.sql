-- CreateTable
CREATE TABLE "Participant" (
    "id" SERIAL NOT NULL,
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
    "entryUpdatedAt" TIMESTAMP(3),
    "exit4w" TEXT,
    "exit4wBy" TEXT,
    "exit4wAt" TIMESTAMP(3),
    "exit6m" TEXT,
    "exit6mBy" TEXT,
    "exit6mAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),
    "erasedBy" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Participant_code_key" ON "Participant"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_teamId_userId_key" ON "Participant"("teamId", "userId");
