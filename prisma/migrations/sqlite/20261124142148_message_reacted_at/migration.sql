-- AlterTable
ALTER TABLE "Message" ADD COLUMN "reactedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Message_stage_reactedAt_idx" ON "Message"("stage", "reactedAt");
