/**
 * SLA clocks on inquiries: the deadline, the clock's state at a given instant, and which
 * reminder/escalation mails are due. All decisions are pure and idempotent: the caller passes
 * what it already recorded and gets back only what is still to do.
 */
import { TrademailError } from '../errors.ts';
import {
  addWorkingTime,
  HOUR_MS,
  isWorkingTime,
  nextWorkingTime,
  type WorkingCalendar,
  workingTimeBetween,
} from './working-hours.ts';

export type SlaState = 'open' | 'met' | 'breached' | 'answered_late';

export interface SlaClock {
  readonly arrivedAt: Date;
  readonly deadline: Date;
  readonly answeredAt: Date | null;
}

export interface SlaStatus {
  readonly state: SlaState;
  /** Working time used over working time allowed: 0.75 at the reminder, 1 at the deadline, more when late. */
  readonly usedShare: number;
  /** Working ms left until the deadline; negative once it has passed. Frozen at the answer. */
  readonly remainingWorkingMs: number;
}

/** The SLA deadline: `slaHours` of the calendar's working time after the inquiry arrived. */
export function slaDeadline(calendar: WorkingCalendar, arrivedAt: Date, slaHours: number): Date {
  if (!Number.isFinite(slaHours) || slaHours <= 0) {
    throw new TrademailError('USAGE', `slaHours must be a positive number, got ${slaHours}`);
  }
  return addWorkingTime(calendar, arrivedAt, slaHours * HOUR_MS);
}

/**
 * The clock at `now`. An answer at the deadline itself meets it; an open clock whose deadline
 * has been reached is breached (nothing is left to spend).
 */
export function slaStatus(calendar: WorkingCalendar, clock: SlaClock, now: Date): SlaStatus {
  const stop = clock.answeredAt ?? now;
  const allowed = workingTimeBetween(calendar, clock.arrivedAt, clock.deadline);
  const used = Math.max(0, workingTimeBetween(calendar, clock.arrivedAt, stop));
  const remainingWorkingMs = allowed - used;
  const usedShare = allowed > 0 ? used / allowed : stop.getTime() >= clock.deadline.getTime() ? 1 : 0;
  let state: SlaState;
  if (clock.answeredAt !== null) {
    state = clock.answeredAt.getTime() <= clock.deadline.getTime() ? 'met' : 'answered_late';
  } else {
    state = now.getTime() >= clock.deadline.getTime() ? 'breached' : 'open';
  }
  return { state, usedShare, remainingWorkingMs };
}

export type EscalationLevel = 'reminder' | 'escalation';

export interface EscalationSubject extends SlaClock {
  /** The inquiry owner's calendar: the clock runs in it. */
  readonly calendar: WorkingCalendar;
  /** Levels already recorded as sent for this inquiry. */
  readonly sentLevels: readonly EscalationLevel[];
}

export interface EscalationOptions {
  /** Share of the SLA after which the owner gets a reminder (users' rule: 0.75). */
  readonly reminderShare?: number;
  /** Working hours of whoever receives each level; mails wait for them. */
  readonly recipientCalendars?: Partial<Record<EscalationLevel, WorkingCalendar>>;
}

export interface EscalationPlan {
  /** Levels to send now; record each as sent once it is. */
  readonly due: readonly EscalationLevel[];
  /** Levels that are due but wait for the recipient's working hours. */
  readonly deferred: readonly { level: EscalationLevel; until: Date }[];
  /** When to look again (next pending level or the end of a deferral); null when nothing is left. */
  readonly nextCheckAt: Date | null;
}

/** When each level falls due: the reminder after `reminderShare` of the working time, the escalation at the deadline. */
export function escalationTimes(
  subject: Pick<EscalationSubject, 'calendar' | 'arrivedAt' | 'deadline'>,
  reminderShare = 0.75,
): Record<EscalationLevel, Date> {
  if (!(reminderShare > 0 && reminderShare < 1)) {
    throw new TrademailError(
      'USAGE',
      `reminderShare must be between 0 and 1 (exclusive), got ${reminderShare}`,
    );
  }
  const allowed = workingTimeBetween(subject.calendar, subject.arrivedAt, subject.deadline);
  return {
    reminder: addWorkingTime(subject.calendar, subject.arrivedAt, Math.round(allowed * reminderShare)),
    escalation: subject.deadline,
  };
}

/**
 * Which of the reminder (owner, at 75% of the SLA) and the escalation (manager, at breach) to
 * send now. Each level is decided at most once: a level in `sentLevels` is never due again. A
 * reminder that was not sent before the breach is dropped, because the escalation supersedes it.
 * Nothing is due once the inquiry is answered.
 */
export function dueEscalations(
  subject: EscalationSubject,
  now: Date,
  options: EscalationOptions = {},
): EscalationPlan {
  if (subject.answeredAt !== null) return { due: [], deferred: [], nextCheckAt: null };
  const times = escalationTimes(subject, options.reminderShare ?? 0.75);
  const sent = new Set(subject.sentLevels);
  const breached = now.getTime() >= times.escalation.getTime();
  const due: EscalationLevel[] = [];
  const deferred: { level: EscalationLevel; until: Date }[] = [];
  const pending: Date[] = [];
  for (const level of ['reminder', 'escalation'] as const) {
    if (sent.has(level)) continue;
    if (level === 'reminder' && breached) continue;
    if (now.getTime() < times[level].getTime()) {
      pending.push(times[level]);
      continue;
    }
    const recipient = options.recipientCalendars?.[level];
    const window = recipient === undefined ? { ok: true as const } : isWithinRecipientHours(recipient, now);
    if (window.ok) due.push(level);
    else {
      deferred.push({ level, until: window.nextAllowedAt });
      pending.push(window.nextAllowedAt);
    }
  }
  const next = pending.length === 0 ? null : new Date(Math.min(...pending.map((d) => d.getTime())));
  return { due, deferred, nextCheckAt: next };
}

export type RecipientWindow = { ok: true } | { ok: false; nextAllowedAt: Date };

/** Escalation mails go out only in the recipient's working hours; otherwise, when they may. */
export function isWithinRecipientHours(calendar: WorkingCalendar, now: Date): RecipientWindow {
  if (isWorkingTime(calendar, now)) return { ok: true };
  return { ok: false, nextAllowedAt: nextWorkingTime(calendar, now) };
}
