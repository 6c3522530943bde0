-- CreateTable
CREATE TABLE "Contract" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "spaceId" INTEGER,
    "type" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT,
    "weeklyHours" DOUBLE PRECISION,
    "prescriber" TEXT NOT NULL,
    "leadTimeDays" INTEGER NOT NULL DEFAULT 45,
    "capMonths" INTEGER NOT NULL DEFAULT 24,
    "capException" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT NOT NULL DEFAULT '',
    "previousId" INTEGER,
    "decision" TEXT NOT NULL DEFAULT 'undecided',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractMilestone" (
    "id" SERIAL NOT NULL,
    "contractId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Contract_previousId_key" ON "Contract"("previousId");

-- CreateIndex
CREATE INDEX "Contract_teamId_endDate_idx" ON "Contract"("teamId", "endDate");

-- CreateIndex
CREATE INDEX "Contract_teamId_userId_idx" ON "Contract"("teamId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractMilestone_contractId_key_key" ON "ContractMilestone"("contractId", "key");

-- AddForeignKey
ALTER TABLE "ContractMilestone" ADD CONSTRAINT "ContractMilestone_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
