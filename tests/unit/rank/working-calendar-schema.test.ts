/** The working calendar config: defaults, and errors that name the field and the fix. */
import { describe, expect, it } from 'vitest';
import { isTrademailError } from '../../../src/errors.ts';
import { parseWorkingCalendar, workingCalendarSchema } from '../../../src/rank/working-hours.ts';

function errorLines(input: unknown): string[] {
  try {
    parseWorkingCalendar(input);
  } catch (err) {
    if (isTrademailError(err, 'CONFIG_INVALID')) return (err.details?.['issues'] as string[]) ?? [];
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('workingCalendarSchema', () => {
  it('defaults to Asia/Shanghai, Mon-Fri 09:00-12:00 and 13:30-18:00', () => {
    const c = workingCalendarSchema.parse({});
    expect(c.timeZone).toBe('Asia/Shanghai');
    expect(c.hours.mon).toEqual(['09:00-12:00', '13:30-18:00']);
    expect(c.hours.fri).toEqual(['09:00-12:00', '13:30-18:00']);
    expect(c.hours.sat).toEqual([]);
    expect(c.hours.sun).toEqual([]);
    expect(c.holidays).toEqual([]);
    expect(c.holidayCountry).toBeUndefined();
  });

  it('does not share default arrays between parses', () => {
    const a = workingCalendarSchema.parse({});
    a.hours.mon.push('20:00-21:00');
    a.holidays.push('2026-10-01');
    const b = workingCalendarSchema.parse({});
    expect(b.hours.mon).toEqual(['09:00-12:00', '13:30-18:00']);
    expect(b.holidays).toEqual([]);
  });

  it('treats days left out of a written hours map as days off', () => {
    const c = workingCalendarSchema.parse({ hours: { sat: ['09:00-12:00'] } });
    expect(c.hours.sat).toEqual(['09:00-12:00']);
    expect(c.hours.mon).toEqual([]);
  });

  it('names the field and the fix for a bad period', () => {
    const lines = errorLines({ hours: { mon: ['09:00-12:00', '13:30-25:00'] } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hours\.mon\[1\]: '13:30-25:00' is not HH:MM-HH:MM; write e\.g\. 13:30-18:00/);
  });

  it('rejects malformed, empty and overlapping periods', () => {
    expect(errorLines({ hours: { tue: ['9-12'] } })[0]).toMatch(
      /^hours\.tue\[0\]: '9-12' is not HH:MM-HH:MM/,
    );
    expect(errorLines({ hours: { tue: ['24:00-02:00'] } })[0]).toMatch(/^hours\.tue\[0\]:/);
    expect(errorLines({ hours: { tue: ['09:60-12:00'] } })[0]).toMatch(/^hours\.tue\[0\]:/);
    expect(errorLines({ hours: { wed: ['09:00-09:00'] } })[0]).toBe(
      "hours.wed[0]: '09:00-09:00' starts and ends at the same time; for a whole day write 00:00-24:00",
    );
    expect(errorLines({ hours: { thu: ['09:00-12:00', '11:00-13:00'] } })[0]).toBe(
      "hours.thu: '11:00-13:00' overlaps '09:00-12:00'; merge them into one period such as 09:00-13:00",
    );
    expect(errorLines({ hours: { thu: ['22:00-02:00', '23:00-23:30'] } })[0]).toMatch(
      /^hours\.thu: '23:00-23:30' overlaps/,
    );
  });

  it('accepts touching periods, 24:00 ends and night shifts', () => {
    const c = workingCalendarSchema.parse({
      hours: { mon: ['09:00-12:00', '12:00-13:00', '20:00-24:00'], tue: ['22:00-02:00'] },
    });
    expect(c.hours.mon).toHaveLength(3);
  });

  it('rejects unknown days, no working time at all, bad zones, dates and countries', () => {
    expect(errorLines({ hours: { monday: ['09:00-12:00'], mon: [] } })).toContain(
      "hours.monday: 'monday' is not a day; use mon, tue, wed, thu, fri, sat or sun",
    );
    expect(errorLines({ hours: { mon: [], sat: [] } })).toEqual([
      "hours: no working period on any day; give at least one, e.g. mon: ['09:00-18:00']",
    ]);
    expect(errorLines({ timeZone: 'Asia/Shangai' })).toEqual([
      "timeZone: 'Asia/Shangai' is not an IANA time zone; write e.g. Asia/Shanghai or Europe/Berlin",
    ]);
    expect(errorLines({ holidays: ['2026-10-01', '2026-02-30', '1 Oct'] })).toEqual([
      "holidays[1]: '2026-02-30' is not a date (YYYY-MM-DD); write e.g. 2026-10-01",
      "holidays[2]: '1 Oct' is not a date (YYYY-MM-DD); write e.g. 2026-10-01",
    ]);
    expect(errorLines({ holidayCountry: 'XX' })[0]).toMatch(
      /^holidayCountry: 'XX' is not a country known to date-holidays; write/,
    );
    expect(errorLines({ holidayCountry: 'DE-XX' })[0]).toMatch(
      /^holidayCountry: 'DE-XX': DE has no state XX .*use one of .*BY/,
    );
    expect(errorLines({ holidays: ['2026-10-10'], workdays: ['2026-10-10'] })).toEqual([
      "holidays[0]: '2026-10-10' is listed both as a holiday and under workdays; keep it in one list only",
    ]);
    expect(errorLines({ hours: { mon: '09:00-18:00' } })[0]).toMatch(
      /^hours\.mon: must be a list of periods/,
    );
  });

  it('reports every problem at once', () => {
    expect(
      errorLines({ timeZone: 'Mars/Base', hours: { mon: ['x'], tue: ['y'] }, holidays: ['z'] }),
    ).toHaveLength(4);
  });
});
