-- CreateTable
CREATE TABLE "Salesperson" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'salesperson',
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "managerId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Salesperson_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Salesperson" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Absence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "salespersonId" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    CONSTRAINT "Absence_salespersonId_fkey" FOREIGN KEY ("salespersonId") REFERENCES "Salesperson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Mailbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "address" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MailboxFolder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "mailboxId" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "specialUse" TEXT,
    "uidValidity" BIGINT,
    "lastUid" BIGINT NOT NULL DEFAULT 0,
    "highestModseq" BIGINT,
    "state" TEXT NOT NULL DEFAULT 'idle',
    "stateEnteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSyncAt" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MailboxFolder_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RawMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "compressed" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MessageSource" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rawMessageId" INTEGER NOT NULL,
    "folderId" INTEGER,
    "uidValidity" BIGINT,
    "uid" BIGINT,
    "importKey" TEXT,
    "seenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MessageSource_rawMessageId_fkey" FOREIGN KEY ("rawMessageId") REFERENCES "RawMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MessageSource_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "MailboxFolder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Message" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT NOT NULL,
    "rawMessageId" INTEGER NOT NULL,
    "messageId" TEXT,
    "inReplyTo" TEXT,
    "subject" TEXT NOT NULL DEFAULT '',
    "fromAddress" TEXT,
    "sentAt" DATETIME,
    "direction" TEXT NOT NULL DEFAULT 'inbound',
    "kind" TEXT,
    "understanding" TEXT,
    "stage" TEXT NOT NULL DEFAULT 'received',
    "stageEnteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leadId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Message_rawMessageId_fkey" FOREIGN KEY ("rawMessageId") REFERENCES "RawMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Message_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Quarantine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rawMessageId" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "errorCode" TEXT NOT NULL,
    "errorMessage" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    CONSTRAINT "Quarantine_rawMessageId_fkey" FOREIGN KEY ("rawMessageId") REFERENCES "RawMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Company" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "domain" TEXT,
    "name" TEXT,
    "country" TEXT,
    "website" TEXT,
    "tier" TEXT,
    "tierSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Lead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT,
    "platform" TEXT,
    "platformBuyerId" TEXT,
    "name" TEXT,
    "title" TEXT,
    "phone" TEXT,
    "country" TEXT,
    "website" TEXT,
    "language" TEXT,
    "timeZone" TEXT,
    "companyId" INTEGER,
    "ownerId" INTEGER,
    "assignedAt" DATETIME,
    "lastWorkedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'prospect',
    "source" TEXT,
    "lastInquiryAt" DATETIME,
    "wakeUpFlaggedAt" DATETIME,
    "wakeUpReason" TEXT,
    "undeliverableAt" DATETIME,
    "softBounces" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Lead_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Lead_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Salesperson" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Inquiry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "messageId" INTEGER NOT NULL,
    "leadId" INTEGER NOT NULL,
    "ownerId" INTEGER,
    "kind" TEXT NOT NULL,
    "products" TEXT NOT NULL DEFAULT '[]',
    "quantity" REAL,
    "unit" TEXT,
    "incoterm" TEXT,
    "incotermPlace" TEXT,
    "port" TEXT,
    "targetPrice" REAL,
    "currency" TEXT,
    "certifications" TEXT NOT NULL DEFAULT '[]',
    "paymentTerms" TEXT,
    "sampleRequest" BOOLEAN NOT NULL DEFAULT false,
    "urgency" TEXT NOT NULL DEFAULT 'normal',
    "language" TEXT,
    "grade" TEXT,
    "score" INTEGER,
    "priorityTier" TEXT,
    "slaHours" INTEGER,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "receivedAt" DATETIME NOT NULL,
    "deadlineAt" DATETIME,
    "answeredAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Inquiry_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Inquiry_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Inquiry_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Salesperson" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SlaNotification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inquiryId" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SlaNotification_inquiryId_fkey" FOREIGN KEY ("inquiryId") REFERENCES "Inquiry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "leadId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "messageId" INTEGER,
    "outboundMailId" INTEGER,
    "summary" TEXT NOT NULL DEFAULT '',
    "occurredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Activity_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Activity_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Activity_outboundMailId_fkey" FOREIGN KEY ("outboundMailId") REFERENCES "OutboundMail" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Sequence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SequenceStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sequenceId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "stepKey" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "minDelayMinutes" INTEGER NOT NULL,
    "maxDelayMinutes" INTEGER NOT NULL,
    CONSTRAINT "SequenceStep_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "Sequence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "leadId" INTEGER NOT NULL,
    "sequenceId" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "stateEnteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liveKey" TEXT,
    "nextPosition" INTEGER NOT NULL DEFAULT 0,
    "nextStepAt" DATETIME,
    "pausedUntil" DATETIME,
    "stopReason" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Enrollment_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrollment_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "Sequence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboundMail" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "enrollmentId" INTEGER,
    "stepPosition" INTEGER,
    "leadId" INTEGER,
    "kind" TEXT NOT NULL,
    "mailboxName" TEXT,
    "fromAddress" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "inReplyTo" TEXT,
    "references" TEXT NOT NULL DEFAULT '[]',
    "raw" BLOB,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "stateEnteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME,
    "lastError" TEXT,
    "smtpResponse" TEXT,
    "sentAt" DATETIME,
    "lockedBy" TEXT,
    "lockedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboundMail_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Suppression" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "address" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CustomerOrder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "companyId" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "orderedAt" DATETIME NOT NULL,
    "amount" REAL NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "paidLate" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "CustomerOrder_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "salespersonId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_salespersonId_fkey" FOREIGN KEY ("salespersonId") REFERENCES "Salesperson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "details" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Salesperson_email_key" ON "Salesperson"("email");

-- CreateIndex
CREATE INDEX "Absence_salespersonId_endsAt_idx" ON "Absence"("salespersonId", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Mailbox_name_key" ON "Mailbox"("name");

-- CreateIndex
CREATE UNIQUE INDEX "MailboxFolder_mailboxId_path_key" ON "MailboxFolder"("mailboxId", "path");

-- CreateIndex
CREATE UNIQUE INDEX "RawMessage_sha256_key" ON "RawMessage"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "MessageSource_importKey_key" ON "MessageSource"("importKey");

-- CreateIndex
CREATE INDEX "MessageSource_rawMessageId_idx" ON "MessageSource"("rawMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "MessageSource_folderId_uidValidity_uid_key" ON "MessageSource"("folderId", "uidValidity", "uid");

-- CreateIndex
CREATE UNIQUE INDEX "Message_dedupeKey_key" ON "Message"("dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "Message_rawMessageId_key" ON "Message"("rawMessageId");

-- CreateIndex
CREATE INDEX "Message_messageId_idx" ON "Message"("messageId");

-- CreateIndex
CREATE INDEX "Message_kind_idx" ON "Message"("kind");

-- CreateIndex
CREATE INDEX "Message_leadId_idx" ON "Message"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "Quarantine_rawMessageId_key" ON "Quarantine"("rawMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "Company_domain_key" ON "Company"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "Lead_email_key" ON "Lead"("email");

-- CreateIndex
CREATE INDEX "Lead_ownerId_idx" ON "Lead"("ownerId");

-- CreateIndex
CREATE INDEX "Lead_companyId_idx" ON "Lead"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "Lead_platform_platformBuyerId_key" ON "Lead"("platform", "platformBuyerId");

-- CreateIndex
CREATE UNIQUE INDEX "Inquiry_messageId_key" ON "Inquiry"("messageId");

-- CreateIndex
CREATE INDEX "Inquiry_status_deadlineAt_idx" ON "Inquiry"("status", "deadlineAt");

-- CreateIndex
CREATE INDEX "Inquiry_leadId_idx" ON "Inquiry"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "SlaNotification_inquiryId_level_key" ON "SlaNotification"("inquiryId", "level");

-- CreateIndex
CREATE INDEX "Activity_leadId_occurredAt_idx" ON "Activity"("leadId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_leadId_messageId_key" ON "Activity"("leadId", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_leadId_outboundMailId_key" ON "Activity"("leadId", "outboundMailId");

-- CreateIndex
CREATE UNIQUE INDEX "Sequence_name_key" ON "Sequence"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SequenceStep_sequenceId_position_key" ON "SequenceStep"("sequenceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollment_liveKey_key" ON "Enrollment"("liveKey");

-- CreateIndex
CREATE INDEX "Enrollment_state_nextStepAt_idx" ON "Enrollment"("state", "nextStepAt");

-- CreateIndex
CREATE INDEX "Enrollment_leadId_idx" ON "Enrollment"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMail_idempotencyKey_key" ON "OutboundMail"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMail_messageId_key" ON "OutboundMail"("messageId");

-- CreateIndex
CREATE INDEX "OutboundMail_state_notBefore_idx" ON "OutboundMail"("state", "notBefore");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMail_enrollmentId_stepPosition_key" ON "OutboundMail"("enrollmentId", "stepPosition");

-- CreateIndex
CREATE UNIQUE INDEX "Suppression_address_key" ON "Suppression"("address");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerOrder_companyId_reference_key" ON "CustomerOrder"("companyId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");
