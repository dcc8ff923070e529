/**
 * The parent/child protocol of the multi-process suites. The parent owns the SMTP sink, so it
 * answers the child's submission-log lookups ("did the server accept this Message-ID?"), the way
 * a relay's log would in production.
 */
import type { MailboxConfig } from '../../../src/config/schema.ts';

export interface ChildConfig {
  dbUrl: string;
  worker: string;
  mailbox: MailboxConfig;
  copyToSent: boolean;
  /** Also run the scheduler tick (queue due steps), not only the sender. */
  schedule: boolean;
  /** Wait for a 'go' message after 'ready' (so several children start together). */
  waitForGo: boolean;
  /** ISO instant the child's clock starts at (it then runs forward in real time). */
  clockBase: string;
}

export interface RecoveryStats {
  recovered: number;
  bySentFolder: number;
  bySubmissionLog: number;
  requeued: number;
}

export type ChildMessage =
  | { type: 'ready'; stats: RecoveryStats }
  | { type: 'lookup'; id: number; messageId: string }
  | { type: 'done'; queued: number; sent: number; errors: string[] };

export type ParentMessage = { type: 'lookup-result'; id: number; found: boolean } | { type: 'go' };

export const CHILD_CONFIG_ENV = 'TRADEMAIL_TEST_CHILD_CONFIG';
