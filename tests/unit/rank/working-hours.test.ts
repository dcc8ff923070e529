/**
 * Working-time arithmetic: deadlines across lunch breaks, split shifts, night shifts,
 * weekends, holidays and DST transitions.
 */
import { describe, expect, it } from 'vitest';
import { isTrademailError } from '../../../src/errors.ts';
import {
  addWorkingTime,
  isWorkingTime,
  nextWorkingTime,
  workingTimeBetween,
} from '../../../src/rank/working-hours.ts';
import { cal, cn, H, iso, MIN, shanghai } from './calendars.ts';

describe('default Asia/Shanghai office (09:00-12:00, 13:30-18:00, Mon-Fri)', () => {
  it('skips the lunch break', () => {
    // Friday 2026-03-06 11:00 + 2 h: one hour before lunch, one after.
    expect(iso(addWorkingTime(shanghai, cn('2026-03-06 11:00'), 2 * H))).toBe(iso(cn('2026-03-06 14:30')));
  });

  it('starts the clock at the next period when the mail arrives at lunch or at night', () => {
    expect(iso(addWorkingTime(shanghai, cn('2026-03-05 12:40'), 2 * H))).toBe(iso(cn('2026-03-05 15:30')));
    expect(iso(addWorkingTime(shanghai, cn('2026-03-05 23:10'), 2 * H))).toBe(iso(cn('2026-03-06 11:00')));
  });

  it('ends a deadline that uses up a period exactly at the period end, not the next morning', () => {
    expect(iso(addWorkingTime(shanghai, cn('2026-03-05 09:00'), 3 * H))).toBe(iso(cn('2026-03-05 12:00')));
    expect(iso(addWorkingTime(shanghai, cn('2026-03-05 16:00'), 2 * H))).toBe(iso(cn('2026-03-05 18:00')));
  });

  it('carries a 24 working-hour SLA over the weekend (7.5 h a day)', () => {
    // Fri 10:00: Fri 6.5 h, Mon 7.5, Tue 7.5, Wed 2.5 -> Wed 11:30.
    expect(iso(addWorkingTime(shanghai, cn('2026-03-06 10:00'), 24 * H))).toBe(iso(cn('2026-03-11 11:30')));
  });

  it('moves a Saturday arrival to Monday morning', () => {
    expect(iso(addWorkingTime(shanghai, cn('2026-03-07 15:00'), 2 * H))).toBe(iso(cn('2026-03-09 11:00')));
    expect(workingTimeBetween(shanghai, cn('2026-03-06 17:00'), cn('2026-03-09 10:00'))).toBe(2 * H);
  });

  it('treats period starts as working time and period ends as not', () => {
    expect(isWorkingTime(shanghai, cn('2026-03-05 09:00'))).toBe(true);
    expect(isWorkingTime(shanghai, cn('2026-03-05 11:59'))).toBe(true);
    expect(isWorkingTime(shanghai, cn('2026-03-05 12:00'))).toBe(false);
    expect(isWorkingTime(shanghai, cn('2026-03-05 13:30'))).toBe(true);
    expect(isWorkingTime(shanghai, cn('2026-03-07 10:00'))).toBe(false);
    expect(iso(nextWorkingTime(shanghai, cn('2026-03-05 12:00')))).toBe(iso(cn('2026-03-05 13:30')));
    expect(iso(nextWorkingTime(shanghai, cn('2026-03-05 10:15')))).toBe(iso(cn('2026-03-05 10:15')));
    expect(iso(nextWorkingTime(shanghai, cn('2026-03-06 18:00')))).toBe(iso(cn('2026-03-09 09:00')));
  });

  it('adds zero working time as "the next working instant"', () => {
    expect(iso(addWorkingTime(shanghai, cn('2026-03-07 10:00'), 0))).toBe(iso(cn('2026-03-09 09:00')));
  });

  it('returns a signed difference', () => {
    expect(workingTimeBetween(shanghai, cn('2026-03-05 11:00'), cn('2026-03-05 14:00'))).toBe(1.5 * H);
    expect(workingTimeBetween(shanghai, cn('2026-03-05 14:00'), cn('2026-03-05 11:00'))).toBe(-1.5 * H);
    expect(workingTimeBetween(shanghai, cn('2026-03-07 10:00'), cn('2026-03-08 10:00'))).toBe(0);
  });

  it('refuses negative durations and invalid dates', () => {
    expect(() => addWorkingTime(shanghai, cn('2026-03-05 10:00'), -1)).toThrow(/>= 0/);
    expect(() => addWorkingTime(shanghai, new Date('nope'), H)).toThrow(/invalid Date/);
  });
});

describe('split shifts covering other time zones (Asia/Shanghai)', () => {
  const split = cal({
    timeZone: 'Asia/Shanghai',
    hours: {
      mon: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
      tue: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
      wed: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
      thu: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
      fri: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
    },
  });

  it('counts the evening shift for a European buyer', () => {
    expect(iso(addWorkingTime(split, cn('2026-03-05 16:30'), 2 * H))).toBe(iso(cn('2026-03-05 19:30')));
    expect(isWorkingTime(split, cn('2026-03-05 17:30'))).toBe(false);
    expect(isWorkingTime(split, cn('2026-03-05 19:59'))).toBe(true);
  });

  it('has 8 working hours a day', () => {
    expect(workingTimeBetween(split, cn('2026-03-05 00:00'), cn('2026-03-06 00:00'))).toBe(8 * H);
    expect(workingTimeBetween(split, cn('2026-03-02 00:00'), cn('2026-03-09 00:00'))).toBe(40 * H);
  });

  it('runs a 24 h SLA over three days of split shifts', () => {
    // Mon 19:00: 1 h Mon, 8 h Tue, 8 h Wed, then 7 h on Thu: 2.5 + 3.5 + 1 h of the evening shift.
    expect(iso(addWorkingTime(split, cn('2026-03-02 19:00'), 24 * H))).toBe(iso(cn('2026-03-05 19:00')));
  });
});

describe('periods that cross midnight', () => {
  const nights = cal({
    timeZone: 'Asia/Shanghai',
    hours: {
      mon: ['22:00-02:00'],
      tue: ['22:00-02:00'],
      wed: ['22:00-02:00'],
      thu: ['22:00-02:00'],
      fri: ['22:00-02:00'],
    },
  });

  it('belong to the day they start on: Friday night runs into Saturday, Sunday night has none', () => {
    expect(isWorkingTime(nights, cn('2026-03-07 01:30'))).toBe(true); // Saturday, from Friday's shift
    expect(isWorkingTime(nights, cn('2026-03-07 23:00'))).toBe(false);
    expect(isWorkingTime(nights, cn('2026-03-09 01:00'))).toBe(false); // Monday small hours: no Sunday shift
    expect(isWorkingTime(nights, cn('2026-03-09 23:00'))).toBe(true);
  });

  it('carry a deadline past midnight and over the weekend', () => {
    expect(iso(addWorkingTime(nights, cn('2026-03-06 23:00'), 2 * H))).toBe(iso(cn('2026-03-07 01:00')));
    // Friday 23:00 + 4 h: 3 h until Saturday 02:00, then Monday 22:00 + 1 h.
    expect(iso(addWorkingTime(nights, cn('2026-03-06 23:00'), 4 * H))).toBe(iso(cn('2026-03-09 23:00')));
  });

  it('are dropped with the holiday of the day they start on, not the day they end on', () => {
    const friOff = cal({ ...nights, holidays: ['2026-03-06'] });
    expect(isWorkingTime(friOff, cn('2026-03-07 01:00'))).toBe(false);
    const satOff = cal({ ...nights, holidays: ['2026-03-07'] });
    expect(isWorkingTime(satOff, cn('2026-03-07 01:00'))).toBe(true);
  });

  it('merge with the next day where they overlap, counting the overlap once', () => {
    const overlap = cal({ timeZone: 'Asia/Shanghai', hours: { fri: ['22:00-02:00'], sat: ['01:00-03:00'] } });
    expect(workingTimeBetween(overlap, cn('2026-03-06 00:00'), cn('2026-03-08 00:00'))).toBe(5 * H);
    expect(iso(addWorkingTime(overlap, cn('2026-03-06 22:00'), 4.5 * H))).toBe(iso(cn('2026-03-07 02:30')));
  });

  it('reads 18:00-00:00 as running to midnight', () => {
    const evening = cal({ timeZone: 'Asia/Shanghai', hours: { mon: ['18:00-00:00'] } });
    expect(workingTimeBetween(evening, cn('2026-03-09 00:00'), cn('2026-03-10 00:00'))).toBe(6 * H);
  });
});

describe('holidays', () => {
  it('skips explicit holidays', () => {
    const office = cal({ holidays: ['2026-03-09', '2026-03-10'] });
    // Friday 17:00 + 2 h: 1 h Friday, then Mon/Tue off -> Wednesday 10:00.
    expect(iso(addWorkingTime(office, cn('2026-03-06 17:00'), 2 * H))).toBe(iso(cn('2026-03-11 10:00')));
  });

  it('skips public holidays of the configured country (CN National Day)', () => {
    const office = cal({ holidayCountry: 'CN' });
    // Wed 2026-09-30 17:00; 1-3 Oct are public holidays (Thu-Sat), then Sunday.
    expect(iso(addWorkingTime(office, cn('2026-09-30 17:00'), 2 * H))).toBe(iso(cn('2026-10-05 10:00')));
    expect(iso(addWorkingTime(shanghai, cn('2026-09-30 17:00'), 2 * H))).toBe(iso(cn('2026-10-01 10:00')));
  });

  it('uses the region of a country-state code (DE-BY: Epiphany on 6 January)', () => {
    const bavaria = cal({ timeZone: 'Europe/Berlin', holidayCountry: 'de-by' });
    const berlin = cal({ timeZone: 'Europe/Berlin', holidayCountry: 'DE-BE' });
    const t = new Date('2026-01-06T10:00:00+01:00'); // Tuesday
    expect(isWorkingTime(bavaria, t)).toBe(false);
    expect(isWorkingTime(berlin, t)).toBe(true);
  });

  it('keeps the days of a holiday that began in the year before (SZ Incwala, 28 Dec-2 Jan)', () => {
    const mbabane = cal({ timeZone: 'Africa/Mbabane', holidayCountry: 'SZ' });
    // Friday 2 January 2026: the last day of a holiday the data lists under 2025.
    expect(isWorkingTime(mbabane, new Date('2026-01-02T10:00:00+02:00'))).toBe(false);
    expect(isWorkingTime(mbabane, new Date('2026-01-05T10:00:00+02:00'))).toBe(true);
  });

  it('ignores half-day group holidays of the data set (CN Army Day afternoon)', () => {
    const office = cal({ holidayCountry: 'CN' });
    // 2025-08-01 is a Friday; Army Day applies to soldiers only.
    expect(isWorkingTime(office, cn('2025-08-01 10:00'))).toBe(true);
  });

  it('works listed workdays: an adjusted Saturday, and a data-set holiday the office does not take', () => {
    const office = cal({ holidayCountry: 'CN', workdays: ['2026-10-10', '2026-10-02'] });
    expect(isWorkingTime(office, cn('2026-10-10 10:00'))).toBe(true); // Saturday with weekday hours
    expect(isWorkingTime(office, cn('2026-10-10 12:30'))).toBe(false);
    expect(isWorkingTime(office, cn('2026-10-02 10:00'))).toBe(true);
    expect(isWorkingTime(office, cn('2026-10-01 10:00'))).toBe(false);
  });

  it('fails loudly when a calendar never has working time', () => {
    const mondays: string[] = [];
    for (let t = Date.UTC(2026, 0, 5); t < Date.UTC(2031, 0, 1); t += 7 * 86_400_000) {
      mondays.push(new Date(t).toISOString().slice(0, 10));
    }
    const never = cal({ hours: { mon: ['09:00-10:00'] }, holidays: mondays });
    let caught: unknown;
    try {
      addWorkingTime(never, cn('2026-01-01 09:00'), H);
    } catch (err) {
      caught = err;
    }
    expect(isTrademailError(caught, 'CONFIG_INVALID')).toBe(true);
  });
});

describe('DST transitions', () => {
  const berlin = cal({
    timeZone: 'Europe/Berlin',
    hours: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], fri: ['09:00-18:00'] },
  });

  it('Europe/Berlin: a deadline over the spring-forward weekend lands on local 10:00 (now UTC+2)', () => {
    // Fri 2026-03-27 17:00 CET (UTC+1) + 2 h -> Mon 2026-03-30 10:00 CEST (UTC+2).
    const start = new Date('2026-03-27T16:00:00Z');
    expect(iso(addWorkingTime(berlin, start, 2 * H))).toBe('2026-03-30T08:00:00.000Z');
  });

  it('Europe/Berlin: a deadline over the fall-back weekend lands on local 10:00 (now UTC+1)', () => {
    const start = new Date('2026-10-23T15:00:00Z'); // Fri 17:00 CEST
    expect(iso(addWorkingTime(berlin, start, 2 * H))).toBe('2026-10-26T09:00:00.000Z');
  });

  it('Europe/Berlin: a night shift is an hour shorter in spring and an hour longer in autumn', () => {
    const nights = cal({ timeZone: 'Europe/Berlin', hours: { sat: ['22:00-06:00'] } });
    const spring = workingTimeBetween(
      nights,
      new Date('2026-03-28T12:00:00Z'),
      new Date('2026-03-29T12:00:00Z'),
    );
    const autumn = workingTimeBetween(
      nights,
      new Date('2026-10-24T12:00:00Z'),
      new Date('2026-10-25T12:00:00Z'),
    );
    expect(spring).toBe(7 * H);
    expect(autumn).toBe(9 * H);
  });

  it('America/New_York: a whole Sunday lasts 23 h on 8 March and 25 h on 1 November 2026', () => {
    const sundays = cal({ timeZone: 'America/New_York', hours: { sun: ['00:00-24:00'] } });
    expect(
      workingTimeBetween(
        sundays,
        new Date('2026-03-08T00:00:00-05:00'),
        new Date('2026-03-09T12:00:00-04:00'),
      ),
    ).toBe(23 * H);
    expect(
      workingTimeBetween(
        sundays,
        new Date('2026-11-01T00:00:00-04:00'),
        new Date('2026-11-02T12:00:00-05:00'),
      ),
    ).toBe(25 * H);
  });

  it('America/New_York: a period starting inside the skipped hour starts when the clock resumes', () => {
    const early = cal({ timeZone: 'America/New_York', hours: { sun: ['02:30-04:00'] } });
    // 02:30 does not exist on 2026-03-08; the period runs 03:30-04:00 EDT.
    expect(iso(nextWorkingTime(early, new Date('2026-03-08T05:00:00Z')))).toBe('2026-03-08T07:30:00.000Z');
    expect(
      workingTimeBetween(early, new Date('2026-03-08T00:00:00Z'), new Date('2026-03-09T00:00:00Z')),
    ).toBe(30 * MIN);
  });

  it('America/New_York: a period ending inside the repeated hour ends at its first occurrence', () => {
    const early = cal({ timeZone: 'America/New_York', hours: { sun: ['00:00-01:30'] } });
    // 01:00-02:00 happens twice on 2026-11-01; 01:30 is taken as 01:30 EDT (05:30Z).
    expect(
      workingTimeBetween(early, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-02T00:00:00Z')),
    ).toBe(1.5 * H);
    expect(isWorkingTime(early, new Date('2026-11-01T05:45:00Z'))).toBe(false);
  });

  it('America/New_York: weekday office hours stay at 09:00 local on both sides of the change', () => {
    const ny = cal({ timeZone: 'America/New_York', hours: { fri: ['09:00-17:00'], mon: ['09:00-17:00'] } });
    expect(iso(nextWorkingTime(ny, new Date('2026-03-06T23:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(nextWorkingTime(ny, new Date('2026-10-31T12:00:00Z')))).toBe('2026-11-02T14:00:00.000Z');
  });
});

describe('consistency of addWorkingTime and workingTimeBetween', () => {
  // Small deterministic PRNG (mulberry32) so a failure reproduces.
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const calendars = {
    shanghai,
    nights: cal({
      timeZone: 'Europe/Berlin',
      hours: { fri: ['22:00-02:00'], sat: ['01:00-03:00'], sun: ['09:00-11:00'] },
    }),
    newYork: cal({
      timeZone: 'America/New_York',
      hours: { mon: ['08:00-12:00', '13:00-17:00'], sun: ['00:00-24:00'] },
    }),
  };

  for (const [name, calendar] of Object.entries(calendars)) {
    it(`between(start, add(start, ms)) === ms for random starts through 2026 (${name})`, () => {
      const next = rng(name.length * 7919);
      const year = Date.UTC(2026, 0, 1);
      for (let i = 0; i < 150; i++) {
        const start = new Date(year + Math.floor(next() * 365 * 86_400_000));
        const ms = Math.floor(next() * 40 * H);
        const end = addWorkingTime(calendar, start, ms);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(workingTimeBetween(calendar, start, end)).toBe(ms);
      }
    });
  }
});
