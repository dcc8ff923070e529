import { describe, expect, it } from 'vitest';
import type { Delay, SendWindow } from '../../../src/sequences/timing/index.ts';
import {
  DEFAULT_SEND_WINDOW,
  isInSendWindow,
  nextSendSlot,
  planSendTime,
  primaryTimeZone,
  publicHolidayDates,
  resolveTimeZone,
  toLocal,
} from '../../../src/sequences/timing/index.ts';
import { seededRng } from '../../../src/sequences/timing/seeded-rng.ts';

const WINDOW = DEFAULT_SEND_WINDOW;
const DAY = 86_400_000;

function buyer(country: string | null, timeZone: string | null = null) {
  return { country, timeZone };
}

function localClock(at: Date, zone: string) {
  const l = toLocal(at, zone);
  return { weekday: l.weekday, minutes: l.hour * 60 + l.minute, date: `${l.year}-${l.month}-${l.day}` };
}

describe('time zone of a buyer', () => {
  it.each([
    ['DE', 'Europe/Berlin'],
    ['US', 'America/New_York'],
    ['BR', 'America/Sao_Paulo'],
    ['AE', 'Asia/Dubai'],
    ['AU', 'Australia/Sydney'],
    ['CN', 'Asia/Shanghai'],
    ['vn', 'Asia/Ho_Chi_Minh'],
    ['GB', 'Europe/London'],
  ])('%s -> %s', (country, zone) => {
    expect(primaryTimeZone(country)).toBe(zone);
    expect(resolveTimeZone(buyer(country))).toBe(zone);
  });

  it("prefers the lead's own zone, ignores a bogus one, and falls back to UTC", () => {
    expect(resolveTimeZone(buyer('US', 'America/Los_Angeles'))).toBe('America/Los_Angeles');
    expect(resolveTimeZone(buyer('US', 'Mars/Olympus'))).toBe('America/New_York');
    expect(resolveTimeZone(buyer('XX'))).toBe('UTC');
    expect(resolveTimeZone(buyer(null))).toBe('UTC');
  });
});

describe('planSendTime across time zones', () => {
  // Wednesday 11 June 2025, 08:00 UTC; the next step is due 1-2 days later.
  const previousAt = new Date('2025-06-11T08:00:00Z');
  const delay: Delay = { minDays: 1, maxDays: 2 };

  it.each([
    ['DE', null, 'Europe/Berlin'],
    ['US', null, 'America/New_York'],
    ['US', 'America/Los_Angeles', 'America/Los_Angeles'],
    ['BR', null, 'America/Sao_Paulo'],
    ['AE', null, 'Asia/Dubai'],
    ['AU', null, 'Australia/Sydney'],
  ])(
    '%s (%s) gets mail inside its own 09:00-17:00 on a weekday, within the delay',
    (country, zone, expectZone) => {
      const seen = new Set<number>();
      for (let seed = 1; seed <= 150; seed++) {
        const at = planSendTime({
          previousAt,
          delay,
          buyer: buyer(country, zone),
          window: WINDOW,
          rng: seededRng(seed),
        });
        expect(at.getTime()).toBeGreaterThanOrEqual(previousAt.getTime() + DAY);
        expect(at.getTime()).toBeLessThanOrEqual(previousAt.getTime() + 2 * DAY);
        const local = localClock(at, expectZone);
        expect(['mon', 'tue', 'wed', 'thu', 'fri']).toContain(local.weekday);
        expect(local.minutes).toBeGreaterThanOrEqual(9 * 60);
        expect(local.minutes).toBeLessThan(17 * 60);
        seen.add(at.getTime());
      }
      // Jitter: the 150 plans are spread out, not stacked on one instant.
      expect(seen.size).toBeGreaterThan(140);
    },
  );

  it('sends to Sydney on its Friday morning when its Thursday window has closed', () => {
    const at = planSendTime({ previousAt, delay, buyer: buyer('AU'), window: WINDOW, rng: () => 0 });
    // Thursday 08:00 UTC is 18:00 in Sydney: the first open minute is Friday 09:00 AEST.
    expect(at.toISOString()).toBe('2025-06-12T23:00:00.000Z');
  });

  it('gives the same plan for the same seed and different plans for different seeds', () => {
    const plan = (seed: number) =>
      planSendTime({ previousAt, delay, buyer: buyer('DE'), window: WINDOW, rng: seededRng(seed) }).getTime();
    expect(plan(42)).toBe(plan(42));
    expect(plan(42)).not.toBe(plan(43));
  });

  it('spreads uniformly over the open time in the range (rng 0 = first minute, just under 1 = last)', () => {
    const input = { previousAt, delay, buyer: buyer('DE'), window: WINDOW };
    // Berlin (UTC+2): open Thursday 10:00-17:00 (range starts 10:00) and Friday 09:00-10:00.
    expect(planSendTime({ ...input, rng: () => 0 }).toISOString()).toBe('2025-06-12T08:00:00.000Z');
    expect(planSendTime({ ...input, rng: () => 0.5 }).toISOString()).toBe('2025-06-12T12:00:00.000Z');
    expect(planSendTime({ ...input, rng: () => 0.999999 }).toISOString()).toBe('2025-06-13T07:59:59.000Z');
  });

  it('refuses an rng that is not in [0, 1)', () => {
    for (const bad of [1, -0.1, Number.NaN]) {
      expect(() =>
        planSendTime({ previousAt, delay, buyer: buyer('DE'), window: WINDOW, rng: () => bad }),
      ).toThrow(expect.objectContaining({ code: 'USAGE' }));
    }
  });
});

describe('weekends and public holidays', () => {
  it('moves a step that falls on the German Unity Day (Friday 3 October 2025) to Monday', () => {
    const previousAt = new Date('2025-10-02T07:00:00Z'); // Thursday 09:00 in Berlin
    const delay = { minDays: 1, maxDays: 1 };
    const rng = () => 0.5;
    const germany = planSendTime({ previousAt, delay, buyer: buyer('DE'), window: WINDOW, rng });
    expect(germany.toISOString()).toBe('2025-10-06T07:00:00.000Z'); // Monday 09:00 Berlin
    // Austria shares the clock but not the holiday; and holidays can be switched off.
    const austria = planSendTime({ previousAt, delay, buyer: buyer('AT'), window: WINDOW, rng });
    expect(austria.toISOString()).toBe('2025-10-03T07:00:00.000Z');
    const noHolidays = planSendTime({
      previousAt,
      delay,
      buyer: buyer('DE'),
      window: WINDOW,
      rng,
      holidays: 'none',
    });
    expect(noHolidays.toISOString()).toBe('2025-10-03T07:00:00.000Z');
  });

  it('uses a calendar the caller supplies', () => {
    const previousAt = new Date('2025-10-02T07:00:00Z');
    const closedOnThe3rd = (country: string, d: { month: number; day: number }) =>
      country === 'AT' && d.month === 10 && d.day === 3;
    const at = planSendTime({
      previousAt,
      delay: { minDays: 1, maxDays: 1 },
      buyer: buyer('AT'),
      window: WINDOW,
      rng: () => 0,
      holidays: closedOnThe3rd,
    });
    expect(at.toISOString()).toBe('2025-10-06T07:00:00.000Z');
  });

  it('skips the weekend', () => {
    const friday = new Date('2025-06-13T10:00:00Z');
    const at = planSendTime({
      previousAt: friday,
      delay: { minDays: 1, maxDays: 1 },
      buyer: buyer('DE'),
      window: WINDOW,
      rng: () => 0.3,
    });
    expect(localClock(at, 'Europe/Berlin')).toEqual({ weekday: 'mon', minutes: 9 * 60, date: '2025-6-16' });
  });

  it('keeps to Sunday-Thursday offices: no mail to Riyadh on a Friday', () => {
    const thursday = new Date('2025-06-12T06:00:00Z'); // 09:00 in Riyadh and 10:00 in Dubai
    const delay = { minDays: 1, maxDays: 1 };
    const dubai = planSendTime({
      previousAt: thursday,
      delay,
      buyer: buyer('AE'),
      window: WINDOW,
      rng: () => 0,
    });
    expect(localClock(dubai, 'Asia/Dubai').weekday).toBe('fri');
    const riyadh = planSendTime({
      previousAt: thursday,
      delay,
      buyer: buyer('SA'),
      window: WINDOW,
      rng: () => 0,
    });
    expect(localClock(riyadh, 'Asia/Riyadh')).toEqual({ weekday: 'mon', minutes: 9 * 60, date: '2025-6-16' });
  });

  it('takes the first open slot after a range that has none', () => {
    const saturday = new Date('2025-06-14T08:00:00Z');
    const at = planSendTime({
      previousAt: saturday,
      delay: { minHours: 0, maxHours: 2 },
      buyer: buyer('BR'),
      window: WINDOW,
      rng: () => 0.9,
    });
    expect(at.toISOString()).toBe('2025-06-16T12:00:00.000Z'); // Monday 09:00 in São Paulo
  });

  it('sends a zero-delay step at once when the buyer is in office hours', () => {
    const now = new Date('2025-06-11T13:37:00Z'); // 09:37 in New York
    const at = planSendTime({
      previousAt: now,
      delay: { minDays: 0, maxDays: 0 },
      buyer: buyer('US'),
      window: WINDOW,
      rng: () => 0.7,
    });
    expect(at.toISOString()).toBe(now.toISOString());
  });

  it('lists only whole-day national public holidays', () => {
    const de = publicHolidayDates('DE', 2025);
    expect(de.has('2025-10-03')).toBe(true);
    expect(de.has('2025-12-25')).toBe(true);
    expect(de.has('2025-10-31')).toBe(false); // Reformation Day is regional
    const cn = publicHolidayDates('CN', 2025);
    expect(cn.has('2025-10-01')).toBe(true);
    expect(cn.has('2025-03-08')).toBe(false); // a half day, not an office closure
    expect(publicHolidayDates('ZZ', 2025).size).toBe(0);
  });
});

describe('the send window', () => {
  const berlin = { buyer: buyer('DE'), window: WINDOW };

  it('opens at 09:00 (inclusive) and closes at 17:00 (exclusive), buyer-local', () => {
    expect(isInSendWindow(new Date('2025-06-11T07:00:00Z'), berlin)).toBe(true);
    expect(isInSendWindow(new Date('2025-06-11T06:59:59Z'), berlin)).toBe(false);
    expect(isInSendWindow(new Date('2025-06-11T14:59:59Z'), berlin)).toBe(true);
    expect(isInSendWindow(new Date('2025-06-11T15:00:00Z'), berlin)).toBe(false);
    expect(isInSendWindow(new Date('2025-06-14T10:00:00Z'), berlin)).toBe(false); // Saturday
    expect(isInSendWindow(new Date('2025-12-25T10:00:00Z'), berlin)).toBe(false); // Christmas
  });

  it('moves a due step to the next opening, keeping it when already inside', () => {
    const inside = new Date('2025-06-11T10:00:00Z');
    expect(nextSendSlot(inside, berlin)).toEqual(inside);
    expect(nextSendSlot(new Date('2025-06-11T16:00:00Z'), berlin).toISOString()).toBe(
      '2025-06-12T07:00:00.000Z',
    );
    expect(nextSendSlot(new Date('2025-12-24T16:00:00Z'), berlin).toISOString()).toBe(
      '2025-12-29T08:00:00.000Z',
    );
  });

  it('follows daylight saving time', () => {
    // Berlin moves to summer time on Sunday 30 March 2025: 09:00 is 08:00 UTC before, 07:00 UTC after.
    expect(nextSendSlot(new Date('2025-03-27T17:00:00Z'), berlin).toISOString()).toBe(
      '2025-03-28T08:00:00.000Z',
    );
    expect(nextSendSlot(new Date('2025-03-28T17:00:00Z'), berlin).toISOString()).toBe(
      '2025-03-31T07:00:00.000Z',
    );
  });

  it('honours a custom window such as 09:00-18:00 for South-East Asia', () => {
    const window: SendWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' };
    expect(isInSendWindow(new Date('2025-06-11T09:30:00Z'), { buyer: buyer('SG'), window })).toBe(true); // 17:30
    expect(isInSendWindow(new Date('2025-06-11T09:30:00Z'), { buyer: buyer('SG'), window: WINDOW })).toBe(
      false,
    );
  });

  it.each([
    [{ ...WINDOW, start: '9am' }, 'window.start'],
    [{ ...WINDOW, end: '24:00' }, 'window.end'],
    [{ ...WINDOW, start: '17:00', end: '09:00' }, 'window.end'],
    [{ ...WINDOW, days: ['sat', 'sun'] as const }, 'window.days'],
    [{ ...WINDOW, days: ['monday'] as unknown as SendWindow['days'] }, 'window.days'],
  ])('refuses an invalid window %o, naming %s', (window, field) => {
    expect(() => nextSendSlot(new Date(), { buyer: buyer('DE'), window })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', details: expect.objectContaining({ field }) }),
    );
  });
});
