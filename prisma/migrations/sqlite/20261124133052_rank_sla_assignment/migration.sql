-- AlterTable
ALTER TABLE "Company" ADD COLUMN "tierGradedAt" DATETIME;

-- CreateTable
CREATE TABLE "RoundRobin" (
    "team" TEXT NOT NULL PRIMARY KEY,
    "lastIndex" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
