/**
 * How reports and the queue measure an inquiry against its SLA. The ranker records each
 * inquiry's deadline (in its owner's working hours); an inquiry not ranked yet is held to the
 * users' floor: receivedAt + the configured standard hours (24 by default), on the wall clock.
 */
export type SlaOutcome = 'open' | 'breached' | 'met' | 'answered_late';

export interface SlaInquiry {
  receivedAt: Date;
  deadlineAt: Date | null;
  answeredAt: Date | null;
}

const HOUR_MS = 3_600_000;

export function effectiveDeadline(inquiry: SlaInquiry, standardHours: number): Date {
  return inquiry.deadlineAt ?? new Date(inquiry.receivedAt.getTime() + standardHours * HOUR_MS);
}

export function slaOutcome(inquiry: SlaInquiry, standardHours: number, now: Date): SlaOutcome {
  const deadline = effectiveDeadline(inquiry, standardHours).getTime();
  if (inquiry.answeredAt !== null) return inquiry.answeredAt.getTime() <= deadline ? 'met' : 'answered_late';
  return now.getTime() >= deadline ? 'breached' : 'open';
}

export interface SlaTally {
  /** inquiries looked at */
  inquiries: number;
  answered: number;
  met: number;
  late: number;
  /** unanswered and past the deadline */
  breachedOpen: number;
  /** met / (answered + breachedOpen), one decimal; null when nothing is decided yet */
  metPercent: number | null;
}

/** Tallies a set of inquiries at `now`; an open inquiry still in time is not decided yet. */
export function tallySla(inquiries: readonly SlaInquiry[], standardHours: number, now: Date): SlaTally {
  const t: SlaTally = {
    inquiries: inquiries.length,
    answered: 0,
    met: 0,
    late: 0,
    breachedOpen: 0,
    metPercent: null,
  };
  for (const inquiry of inquiries) {
    const outcome = slaOutcome(inquiry, standardHours, now);
    if (outcome === 'met') t.met++;
    if (outcome === 'answered_late') t.late++;
    if (outcome === 'breached') t.breachedOpen++;
  }
  t.answered = t.met + t.late;
  const decided = t.answered + t.breachedOpen;
  t.metPercent = decided === 0 ? null : Math.round((t.met / decided) * 1000) / 10;
  return t;
}
