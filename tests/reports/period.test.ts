/** ISO weeks, "the week ending now" across a DST change, and the Monday 08:00 slot per zone. */
import { describe, expect, it } from 'vitest';
import { isoWeekKey, isoWeekOf, weekEnding, weeklySlot } from '../../src/reports/period.ts';

describe('report periods', () => {
  it('numbers ISO weeks by their Thursday, across year ends', () => {
    expect(isoWeekKey(isoWeekOf({ year: 2025, month: 3, day: 10 }))).toBe('2025-W11');
    expect(isoWeekKey(isoWeekOf({ year: 2024, month: 12, day: 30 }))).toBe('2025-W01');
    expect(isoWeekKey(isoWeekOf({ year: 2021, month: 1, day: 3 }))).toBe('2020-W53');
    expect(isoWeekKey(isoWeekOf({ year: 2026, month: 12, day: 31 }))).toBe('2026-W53');
    expect(isoWeekKey(isoWeekOf({ year: 2027, month: 1, day: 4 }))).toBe('2027-W01');
  });

  it('counts the week ending now by the wall clock, so a DST change does not shift it', () => {
    // Monday 31 March 2025 08:00 CEST; the clocks went forward on Sunday 30 March.
    const p = weekEnding(new Date('2025-03-31T06:00:00Z'), 'Europe/Berlin');
    expect(p.start.toISOString()).toBe('2025-03-24T07:00:00.000Z');
    expect(p.label).toBe('2025-03-24 - 2025-03-31');
    expect(p.end.getTime() - p.start.getTime()).toBe(167 * 3_600_000);
  });

  it('finds the Monday 08:00 of the local ISO week', () => {
    // Sunday 23:30 UTC is already Monday 07:30 in Shanghai, still Sunday in New York.
    const now = new Date('2025-03-09T23:30:00Z');
    expect(weeklySlot(now, 'Asia/Shanghai')).toEqual({
      dueAt: new Date('2025-03-10T00:00:00Z'),
      week: { year: 2025, week: 11 },
    });
    expect(weeklySlot(now, 'America/New_York')).toEqual({
      dueAt: new Date('2025-03-03T13:00:00Z'),
      week: { year: 2025, week: 10 },
    });
  });
});
