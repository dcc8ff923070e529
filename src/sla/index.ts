/**
 * SLA clocks in the store and the service: what a new inquiry's row gets (owner, deadline),
 * the jobs that remind, escalate, reassign on absence, return idle leads to the shared pool
 * and flag silent customers, and the queue. The pure rules live in src/rank.
 */
export { ANSWER_KINDS, stopClocksOnSentMail } from './clock.ts';
export { type CustomersReport, runCustomersJob } from './customers-job.ts';
export { type EscalationReport, runEscalations, type SlaJobDeps } from './escalation-job.ts';
export {
  type HousekeepingReport,
  runHousekeeping,
  type SlaJobsHandle,
  type SlaJobsOptions,
  startSlaJobs,
} from './jobs.ts';
export { NOTICE_KINDS, type NoticeKind, recoverNotices } from './notify/outbox.ts';
export { type NoticeTransport, smtpTransports, type TransportFactory } from './notify/transport.ts';
export { openInquiry } from './open-inquiry.ts';
export { calendarOf, managerOf, syncSalespeople } from './people.ts';
export { type PoolReport, runPoolJob } from './pool-job.ts';
export { loadQueue, parseTier, type QueueEntry, type QueueFilter } from './queue.ts';
export { clockTime, formatQueue, queueJson, workingDuration } from './queue-format.ts';
export { type ReassignReport, runAbsenceReassignment } from './reassign-job.ts';
