-- AlterTable
ALTER TABLE "Company" ADD COLUMN     "tierGradedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RoundRobin" (
    "team" TEXT NOT NULL,
    "lastIndex" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoundRobin_pkey" PRIMARY KEY ("team")
);
