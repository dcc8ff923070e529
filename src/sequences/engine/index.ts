/**
 * The sequence engine: enrollments, the scheduler that turns due steps into outbox rows, the
 * exactly-once sender and crash recovery. Ingest reports what it sees through the on* signals.
 */

export { syncSequences } from '../../store/sequences/definitions.ts';
export { composeMessage, newMessageId, replyReferences, replySubject } from './compose.ts';
export type { EnrollInput } from './enrollments.ts';
export { enroll, pause, resume, stop } from './enrollments.ts';
export type {
  MailboxDirectory,
  MailboxDirectoryOptions,
  MailboxThrottle,
  OutboundMailbox,
} from './mailboxes.ts';
export { DEFAULT_THROTTLE, mailboxDirectory, throttleFromConfig } from './mailboxes.ts';
export type { Evidence, RecoveryDeps, ResolveReport, SubmissionLog } from './recovery.ts';
export { copyMissingToSent, recoverSending, resolveUncertain, STALE_SENDING_MS } from './recovery.ts';
export { templateStepRenderer } from './render.ts';
export type { RetryPolicy } from './retry-policy.ts';
export { backoffMs, DEFAULT_RETRY_POLICY } from './retry-policy.ts';
export type { TickReport } from './scheduler.ts';
export { tick } from './scheduler.ts';
export type { SenderDeps, SendOutcome, SendReport } from './sender.ts';
export { sendDue } from './sender.ts';
export { configSenderResolver } from './senders.ts';
export type { SentFolder } from './sent-folder.ts';
export { ImapSentFolder } from './sent-folder.ts';
export type { CycleReport, EngineDeps, SchedulerHandle, StartSchedulerOptions } from './service.ts';
export { runCycle, startScheduler } from './service.ts';
export type { SignalResult } from './signals.ts';
export {
  onHardBounce,
  onLeadReplied,
  onManualContact,
  onOutOfOffice,
  onUnsubscribe,
  PAUSE_REASONS,
  STOP_REASONS,
} from './signals.ts';
export type { SmtpFailure, SmtpFailureKind } from './smtp-outcome.ts';
export { classifySmtpFailure } from './smtp-outcome.ts';
export { COMPLETE_REASONS, outboundKey } from './step.ts';
export type {
  LeadForSending,
  RenderedStep,
  SchedulerDeps,
  SenderIdentity,
  SenderResolver,
  StepRenderer,
  StepToRender,
  TimingOptions,
} from './types.ts';
export { DEFAULT_TIMING } from './types.ts';
