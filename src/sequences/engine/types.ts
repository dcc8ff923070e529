/**
 * What the engine needs from the outside, as plain interfaces: the clock is always a `now`
 * argument, rendering and sender lookup are functions, SMTP and IMAP sit behind MailboxDirectory.
 */
import type { Logger } from '../../log/logger.ts';
import type { Db } from '../../store/client.ts';
import type { HolidayOption, SendWindow } from '../timing/window.ts';
import { DEFAULT_SEND_WINDOW } from '../timing/window.ts';

/** How step times are planned (timing module): buyer-local window, holidays, jitter source. */
export interface TimingOptions {
  window: SendWindow;
  holidays: HolidayOption;
  /** Uniform in [0, 1), like Math.random; injected for reproducible tests. */
  rng: () => number;
}

export const DEFAULT_TIMING: TimingOptions = Object.freeze({
  window: DEFAULT_SEND_WINDOW,
  holidays: 'public',
  rng: Math.random,
});

/** The lead as the engine mails it. */
export interface LeadForSending {
  id: number;
  email: string;
  name: string | null;
  country: string | null;
  timeZone: string | null;
  language: string | null;
  companyId: number | null;
  ownerId: number | null;
}

/** Who a step is sent as: the salesperson's mailbox (config `mailboxes[].name`). */
export interface SenderIdentity {
  mailboxName: string;
  address: string;
  name: string | null;
}

export type SenderResolver = (lead: LeadForSending) => SenderIdentity | Promise<SenderIdentity>;

export interface StepToRender {
  enrollmentId: number;
  sequenceName: string;
  step: { position: number; key: string; template: string };
  /** False for the first mail of the enrollment; follow-ups are sent as replies in its thread. */
  followUp: boolean;
  lead: LeadForSending;
  sender: SenderIdentity;
  now: Date;
}

export interface RenderedStep {
  subject: string;
  text: string;
  html: string | null;
  /** Extra header fields, e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058). */
  headers: Record<string, string>;
}

/** Renders one step; the templates module provides one (templateStepRenderer), tests their own. */
export type StepRenderer = (input: StepToRender) => RenderedStep | Promise<RenderedStep>;

export interface SchedulerDeps {
  db: Db;
  /** This process' name in lockedBy columns; unique among running processes. */
  worker: string;
  render: StepRenderer;
  senders: SenderResolver;
  timing?: TimingOptions;
  log?: Logger;
  /** Enrollments read per selection (default 100). */
  batchSize?: number;
  /** Claims older than this are another process' leftovers (default 5 minutes). */
  staleLockMs?: number;
}
