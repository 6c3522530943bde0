-- CreateTable
CREATE TABLE "TimeSheet" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "contractId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "employeeRemindedAt" TIMESTAMP(3),
    "managerRemindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TimeSheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimeSheetLine" (
    "sheetId" INTEGER NOT NULL,
    "weekStart" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TimeSheetLine_pkey" PRIMARY KEY ("sheetId","weekStart","kind")
);

-- CreateTable
CREATE TABLE "TimeSheetSignature" (
    "id" SERIAL NOT NULL,
    "sheetId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "voidedAt" TIMESTAMP(3),
    "voidedBy" TEXT,

    CONSTRAINT "TimeSheetSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimeSheetLog" (
    "id" SERIAL NOT NULL,
    "sheetId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "TimeSheetLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TimeSheet_teamId_month_status_idx" ON "TimeSheet"("teamId", "month", "status");

-- CreateIndex
CREATE INDEX "TimeSheet_teamId_status_askedAt_idx" ON "TimeSheet"("teamId", "status", "askedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TimeSheet_teamId_userId_month_key" ON "TimeSheet"("teamId", "userId", "month");

-- CreateIndex
CREATE INDEX "TimeSheetSignature_sheetId_idx" ON "TimeSheetSignature"("sheetId");

-- CreateIndex
CREATE INDEX "TimeSheetLog_sheetId_idx" ON "TimeSheetLog"("sheetId");

-- AddForeignKey
ALTER TABLE "TimeSheetLine" ADD CONSTRAINT "TimeSheetLine_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "TimeSheet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimeSheetSignature" ADD CONSTRAINT "TimeSheetSignature_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "TimeSheet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimeSheetLog" ADD CONSTRAINT "TimeSheetLog_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "TimeSheet"("id") ON DELETE CASCADE ON UPDATE CASCADE;
