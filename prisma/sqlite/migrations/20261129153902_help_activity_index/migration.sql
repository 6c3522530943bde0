-- CreateIndex
CREATE INDEX "HelpRequest_teamId_lastActivityAt_idx" ON "HelpRequest"("teamId", "lastActivityAt");
