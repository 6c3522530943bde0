-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "themes" TEXT NOT NULL DEFAULT '[]',
    "audiences" TEXT NOT NULL DEFAULT '[]',
    "startAt" DATETIME NOT NULL,
    "endAt" DATETIME NOT NULL,
    "locationKind" TEXT NOT NULL DEFAULT 'space',
    "address" TEXT,
    "onlineUrl" TEXT,
    "expectedAttendance" INTEGER,
    "registrationUrl" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "seriesName" TEXT,
    "seriesNumber" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "cancelledBy" TEXT,
    "cancelledAt" DATETIME,
    "attendanceRequestedAt" DATETIME,
    "attendanceRemindedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventSpace" (
    "eventId" INTEGER NOT NULL,
    "spaceId" INTEGER NOT NULL,

    PRIMARY KEY ("eventId", "spaceId"),
    CONSTRAINT "EventSpace_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventSpace_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventOrganizer" (
    "eventId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "isCreator" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("eventId", "userId"),
    CONSTRAINT "EventOrganizer_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventAnnouncement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "outboxId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EventAnnouncement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "eventId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "total" INTEGER NOT NULL,
    "women" INTEGER NOT NULL DEFAULT 0,
    "men" INTEGER NOT NULL DEFAULT 0,
    "genderUnknown" INTEGER NOT NULL DEFAULT 0,
    "jobSeekers" INTEGER NOT NULL DEFAULT 0,
    "under25" INTEGER NOT NULL DEFAULT 0,
    "over54" INTEGER NOT NULL DEFAULT 0,
    "firstTime" INTEGER NOT NULL DEFAULT 0,
    "sheetKept" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "reportedBy" TEXT NOT NULL,
    "reportedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Attendance_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Event_uid_key" ON "Event"("uid");

-- CreateIndex
CREATE INDEX "Event_teamId_startAt_idx" ON "Event"("teamId", "startAt");

-- CreateIndex
CREATE INDEX "Event_teamId_status_endAt_idx" ON "Event"("teamId", "status", "endAt");

-- CreateIndex
CREATE INDEX "Event_teamId_seriesName_seriesNumber_idx" ON "Event"("teamId", "seriesName", "seriesNumber");

-- CreateIndex
CREATE INDEX "EventSpace_spaceId_idx" ON "EventSpace"("spaceId");

-- CreateIndex
CREATE INDEX "EventOrganizer_userId_idx" ON "EventOrganizer"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "EventAnnouncement_eventId_channel_key" ON "EventAnnouncement"("eventId", "channel");
