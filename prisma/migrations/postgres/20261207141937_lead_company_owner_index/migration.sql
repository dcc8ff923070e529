-- DropIndex
DROP INDEX "Lead_companyId_idx";

-- CreateIndex
CREATE INDEX "Lead_companyId_ownerId_assignedAt_idx" ON "Lead"("companyId", "ownerId", "assignedAt");
