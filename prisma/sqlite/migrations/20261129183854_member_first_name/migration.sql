-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "firstName" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT 'animateur',
    "locale" TEXT,
    "localeFetchedAt" DATETIME,
    "suggestOptOut" BOOLEAN NOT NULL DEFAULT false,
    "roleGrantedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Member" ("createdAt", "displayName", "id", "locale", "localeFetchedAt", "role", "roleGrantedBy", "suggestOptOut", "teamId", "updatedAt", "userId") SELECT "createdAt", "displayName", "id", "locale", "localeFetchedAt", "role", "roleGrantedBy", "suggestOptOut", "teamId", "updatedAt", "userId" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_teamId_role_idx" ON "Member"("teamId", "role");
CREATE UNIQUE INDEX "Member_teamId_userId_key" ON "Member"("teamId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
