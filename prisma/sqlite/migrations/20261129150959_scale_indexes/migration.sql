-- CreateIndex
CREATE INDEX "Event_teamId_attendanceRequestedAt_idx" ON "Event"("teamId", "attendanceRequestedAt");

-- CreateIndex
CREATE INDEX "HelpRequest_teamId_resolvedAt_idx" ON "HelpRequest"("teamId", "resolvedAt");
