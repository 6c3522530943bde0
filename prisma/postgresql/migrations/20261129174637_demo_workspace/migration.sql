-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;
