-- DropIndex
DROP INDEX "Event_teamId_startAt_idx";

-- CreateIndex
CREATE INDEX "Event_teamId_startAt_status_format_endAt_idx" ON "Event"("teamId", "startAt", "status", "format", "endAt");
