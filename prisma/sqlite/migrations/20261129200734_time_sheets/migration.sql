-- CreateTable
CREATE TABLE "TimeSheet" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "contractId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "askedAt" DATETIME NOT NULL,
    "employeeRemindedAt" DATETIME,
    "managerRemindedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TimeSheetLine" (
    "sheetId" INTEGER NOT NULL,
    "weekStart" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "hours" REAL NOT NULL,

    PRIMARY KEY ("sheetId", "weekStart", "kind"),
    CONSTRAINT "TimeSheetLine_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "TimeSheet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimeSheetSignature" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sheetId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "voidedAt" DATETIME,
    "voidedBy" TEXT,
    CONSTRAINT "TimeSheetSignature_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "TimeSheet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimeSheetLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sheetId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "TimeSheetLog_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "TimeSheet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
