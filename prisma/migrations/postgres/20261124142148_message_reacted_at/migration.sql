-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "reactedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Message_stage_reactedAt_idx" ON "Message"("stage", "reactedAt");
