/** SLA clocks: deadlines, state transitions, and reminder/escalation decisions made once each. */
import { describe, expect, it } from 'vitest';
import {
  dueEscalations,
  type EscalationLevel,
  escalationTimes,
  isWithinRecipientHours,
  slaDeadline,
  slaStatus,
} from '../../../src/rank/sla.ts';
import { cal, cn, H, iso, MIN, shanghai } from './calendars.ts';

describe('slaDeadline', () => {
  it('gives 2 working hours for P1 and 24 for the rest', () => {
    expect(iso(slaDeadline(shanghai, cn('2026-03-05 11:00'), 2))).toBe(iso(cn('2026-03-05 14:30')));
    expect(iso(slaDeadline(shanghai, cn('2026-03-06 10:00'), 24))).toBe(iso(cn('2026-03-11 11:30')));
  });

  it('refuses a zero or negative SLA', () => {
    expect(() => slaDeadline(shanghai, cn('2026-03-05 11:00'), 0)).toThrow(/positive/);
  });
});

describe('slaStatus', () => {
  const arrivedAt = cn('2026-03-05 11:00');
  const deadline = slaDeadline(shanghai, arrivedAt, 2); // 14:30
  const clock = { arrivedAt, deadline, answeredAt: null };

  it('is open with a share of the working time used, not of wall-clock time', () => {
    // 11:00-12:00 working, lunch not counted: at 13:30 one of two hours is used.
    const s = slaStatus(shanghai, clock, cn('2026-03-05 13:30'));
    expect(s).toEqual({ state: 'open', usedShare: 0.5, remainingWorkingMs: H });
    expect(slaStatus(shanghai, clock, cn('2026-03-05 12:45')).usedShare).toBe(0.5);
  });

  it('turns breached at the deadline and keeps counting overdue working time', () => {
    expect(slaStatus(shanghai, clock, cn('2026-03-05 14:29')).state).toBe('open');
    const at = slaStatus(shanghai, clock, cn('2026-03-05 14:30'));
    expect(at).toEqual({ state: 'breached', usedShare: 1, remainingWorkingMs: 0 });
    const later = slaStatus(shanghai, clock, cn('2026-03-05 15:30'));
    expect(later.state).toBe('breached');
    expect(later.usedShare).toBe(1.5);
    expect(later.remainingWorkingMs).toBe(-H);
  });

  it('does not move overnight', () => {
    const c = {
      arrivedAt: cn('2026-03-05 17:00'),
      deadline: slaDeadline(shanghai, cn('2026-03-05 17:00'), 2),
      answeredAt: null,
    };
    const evening = slaStatus(shanghai, c, cn('2026-03-05 22:00'));
    const morning = slaStatus(shanghai, c, cn('2026-03-06 09:00'));
    expect(evening).toEqual(morning);
    expect(evening.usedShare).toBe(0.5);
  });

  it('is met when answered by the deadline, answered_late after it, and freezes at the answer', () => {
    const met = slaStatus(shanghai, { ...clock, answeredAt: cn('2026-03-05 14:30') }, cn('2026-03-09 10:00'));
    expect(met).toEqual({ state: 'met', usedShare: 1, remainingWorkingMs: 0 });
    const early = slaStatus(
      shanghai,
      { ...clock, answeredAt: cn('2026-03-05 11:30') },
      cn('2026-03-09 10:00'),
    );
    expect(early).toEqual({ state: 'met', usedShare: 0.25, remainingWorkingMs: 1.5 * H });
    const late = slaStatus(
      shanghai,
      { ...clock, answeredAt: cn('2026-03-05 16:30') },
      cn('2026-03-09 10:00'),
    );
    expect(late).toEqual({ state: 'answered_late', usedShare: 2, remainingWorkingMs: -2 * H });
  });
});

describe('dueEscalations', () => {
  const arrivedAt = cn('2026-03-05 10:00');
  const base = {
    calendar: shanghai,
    arrivedAt,
    deadline: slaDeadline(shanghai, arrivedAt, 2),
    answeredAt: null,
  };

  it('puts the reminder at 75% of the working time and the escalation at the deadline', () => {
    const t = escalationTimes(base);
    expect(iso(t.reminder)).toBe(iso(cn('2026-03-05 11:30')));
    expect(iso(t.escalation)).toBe(iso(cn('2026-03-05 12:00')));
    // 24 h clock from Thursday 10:00: 18 working hours are Thu 6.5 + Fri 7.5 + Mon 4 -> Monday 14:30.
    const slow = { ...base, deadline: slaDeadline(shanghai, arrivedAt, 24) };
    expect(iso(escalationTimes(slow).reminder)).toBe(iso(cn('2026-03-09 14:30')));
  });

  it('is empty before the reminder and says when to look again', () => {
    const plan = dueEscalations({ ...base, sentLevels: [] }, cn('2026-03-05 11:00'));
    expect(plan.due).toEqual([]);
    expect(iso(plan.nextCheckAt!)).toBe(iso(cn('2026-03-05 11:30')));
  });

  it('decides the reminder at 75% and, once recorded, never again', () => {
    expect(dueEscalations({ ...base, sentLevels: [] }, cn('2026-03-05 11:30')).due).toEqual(['reminder']);
    const after = dueEscalations({ ...base, sentLevels: ['reminder'] }, cn('2026-03-05 11:45'));
    expect(after.due).toEqual([]);
    expect(iso(after.nextCheckAt!)).toBe(iso(cn('2026-03-05 12:00')));
  });

  it('decides the escalation at breach and, once recorded, never again', () => {
    expect(dueEscalations({ ...base, sentLevels: ['reminder'] }, cn('2026-03-05 12:00')).due).toEqual([
      'escalation',
    ]);
    const done = dueEscalations({ ...base, sentLevels: ['reminder', 'escalation'] }, cn('2026-03-06 12:00'));
    expect(done).toEqual({ due: [], deferred: [], nextCheckAt: null });
  });

  it('drops a reminder that was missed before the breach: the escalation supersedes it', () => {
    expect(dueEscalations({ ...base, sentLevels: [] }, cn('2026-03-05 15:00')).due).toEqual(['escalation']);
  });

  it('decides nothing once the inquiry is answered', () => {
    const plan = dueEscalations(
      { ...base, answeredAt: cn('2026-03-05 11:40'), sentLevels: [] },
      cn('2026-03-05 13:00'),
    );
    expect(plan).toEqual({ due: [], deferred: [], nextCheckAt: null });
  });

  it('sends each level exactly once when a scheduler polls every 5 minutes for two days', () => {
    const sent: { level: EscalationLevel; at: Date }[] = [];
    for (let t = arrivedAt.getTime(); t < arrivedAt.getTime() + 48 * H; t += 5 * MIN) {
      const plan = dueEscalations({ ...base, sentLevels: sent.map((s) => s.level) }, new Date(t));
      for (const level of plan.due) sent.push({ level, at: new Date(t) });
    }
    expect(sent.map((s) => [s.level, iso(s.at)])).toEqual([
      ['reminder', iso(cn('2026-03-05 11:30'))],
      ['escalation', iso(cn('2026-03-05 12:00'))],
    ]);
  });

  it('honours a custom reminder share and refuses nonsense', () => {
    const plan = dueEscalations({ ...base, sentLevels: [] }, cn('2026-03-05 11:00'), { reminderShare: 0.5 });
    expect(plan.due).toEqual(['reminder']);
    expect(() =>
      dueEscalations({ ...base, sentLevels: [] }, cn('2026-03-05 11:00'), { reminderShare: 1.5 }),
    ).toThrow(/between 0 and 1/);
  });
});

describe('escalations are never sent at night', () => {
  // The owner works an evening shift for US buyers; the manager keeps office hours.
  const owner = cal({ hours: { thu: ['09:00-12:00', '18:00-22:00'], fri: ['09:00-12:00', '18:00-22:00'] } });
  const manager = shanghai;
  const arrivedAt = cn('2026-03-05 19:00');
  const subject = {
    calendar: owner,
    arrivedAt,
    deadline: slaDeadline(owner, arrivedAt, 2),
    answeredAt: null,
  };

  it('isWithinRecipientHours says ok inside hours and gives the next allowed time outside', () => {
    expect(isWithinRecipientHours(manager, cn('2026-03-05 10:00'))).toEqual({ ok: true });
    const night = isWithinRecipientHours(manager, cn('2026-03-05 21:00'));
    expect(night.ok).toBe(false);
    expect(!night.ok && iso(night.nextAllowedAt)).toBe(iso(cn('2026-03-06 09:00')));
    const weekend = isWithinRecipientHours(manager, cn('2026-03-07 10:00'));
    expect(!weekend.ok && iso(weekend.nextAllowedAt)).toBe(iso(cn('2026-03-09 09:00')));
  });

  it('defers the manager escalation from a 21:00 breach to 09:00, then sends it once', () => {
    expect(iso(subject.deadline)).toBe(iso(cn('2026-03-05 21:00')));
    const options = { recipientCalendars: { reminder: owner, escalation: manager } };
    const atBreach = dueEscalations(
      { ...subject, sentLevels: ['reminder'] },
      cn('2026-03-05 21:00'),
      options,
    );
    expect(atBreach.due).toEqual([]);
    expect(atBreach.deferred.map((d) => [d.level, iso(d.until)])).toEqual([
      ['escalation', iso(cn('2026-03-06 09:00'))],
    ]);
    expect(iso(atBreach.nextCheckAt!)).toBe(iso(cn('2026-03-06 09:00')));
    expect(
      dueEscalations({ ...subject, sentLevels: ['reminder'] }, cn('2026-03-06 03:00'), options).due,
    ).toEqual([]);
    expect(
      dueEscalations({ ...subject, sentLevels: ['reminder'] }, cn('2026-03-06 09:00'), options).due,
    ).toEqual(['escalation']);
  });

  it('sends the owner reminder inside the owner evening shift', () => {
    const options = { recipientCalendars: { reminder: owner, escalation: manager } };
    expect(dueEscalations({ ...subject, sentLevels: [] }, cn('2026-03-05 20:30'), options).due).toEqual([
      'reminder',
    ]);
  });
});
