/**
 * The working calendar as written in the config. Defaults follow the users' office:
 * Monday to Friday 09:00-12:00 and 13:30-18:00 in China time, weekends off.
 */
import { z } from 'zod';
import { holidayRegionProblem } from '../../time/holidays.ts';
import { DAY_KEYS, type DayKey, findOverlap, formatMinutes, type Period, parsePeriod } from './periods.ts';
import { isKnownTimeZone, parseIsoDate } from './zone.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_HOURS: Readonly<Record<DayKey, readonly string[]>> = {
  mon: ['09:00-12:00', '13:30-18:00'],
  tue: ['09:00-12:00', '13:30-18:00'],
  wed: ['09:00-12:00', '13:30-18:00'],
  thu: ['09:00-12:00', '13:30-18:00'],
  fri: ['09:00-12:00', '13:30-18:00'],
  sat: [],
  sun: [],
};

const timeZoneSchema = z
  .string({ error: 'must be an IANA time zone name; write e.g. Asia/Shanghai' })
  .refine(isKnownTimeZone, {
    error: (issue) =>
      `'${String(issue.input)}' is not an IANA time zone; write e.g. Asia/Shanghai or Europe/Berlin`,
  });

const periodListSchema = z.array(z.string({ error: "each period must be a string such as '09:00-12:00'" }), {
  error: "must be a list of periods; write e.g. ['09:00-12:00', '13:30-18:00'] or [] for a day off",
});

const hoursSchema = z
  .record(z.string(), periodListSchema, {
    error: "must map days to periods; write e.g. { mon: ['09:00-12:00', '13:30-18:00'], sat: [] }",
  })
  .superRefine((hours, ctx) => {
    let total = 0;
    let invalid = 0;
    for (const [day, list] of Object.entries(hours)) {
      if (!(DAY_KEYS as readonly string[]).includes(day)) {
        ctx.addIssue({
          code: 'custom',
          path: [day],
          message: `'${day}' is not a day; use mon, tue, wed, thu, fri, sat or sun`,
        });
        continue;
      }
      const periods: Period[] = [];
      list.forEach((text, i) => {
        const parsed = parsePeriod(text);
        if (parsed.ok) periods.push(parsed.period);
        else {
          invalid++;
          ctx.addIssue({ code: 'custom', path: [day, i], message: parsed.message });
        }
      });
      total += periods.length;
      const overlap = findOverlap(periods);
      if (overlap !== null) {
        const [a, b] = overlap;
        const merged = `${formatMinutes(a.start)}-${formatMinutes(Math.max(a.end, b.end))}`;
        ctx.addIssue({
          code: 'custom',
          path: [day],
          message: `'${b.text}' overlaps '${a.text}'; merge them into one period such as ${merged}`,
        });
      }
    }
    // With bad periods reported, "no working period" would only repeat them.
    if (total === 0 && invalid === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: "no working period on any day; give at least one, e.g. mon: ['09:00-18:00']",
      });
    }
  })
  // A day left out of a written `hours` map is a day off: the map says when people work.
  .transform(
    (hours): Record<DayKey, string[]> => ({
      mon: hours['mon'] ?? [],
      tue: hours['tue'] ?? [],
      wed: hours['wed'] ?? [],
      thu: hours['thu'] ?? [],
      fri: hours['fri'] ?? [],
      sat: hours['sat'] ?? [],
      sun: hours['sun'] ?? [],
    }),
  );

const isoDateListSchema = z
  .array(z.string({ error: 'each date must be a string YYYY-MM-DD' }), {
    error: "must be a list of dates; write e.g. ['2026-10-01', '2026-10-02']",
  })
  .superRefine((dates, ctx) => {
    dates.forEach((text, i) => {
      if (parseIsoDate(text) === null) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `'${text}' is not a date (YYYY-MM-DD); write e.g. 2026-10-01`,
        });
      }
    });
  });

export const workingCalendarSchema = z
  .object({
    timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
    hours: hoursSchema.prefault(() => Object.fromEntries(DAY_KEYS.map((d) => [d, [...DEFAULT_HOURS[d]]]))),
    /** Extra days off, as local dates. */
    holidays: isoDateListSchema.default(() => []),
    /**
     * Days worked although the weekly hours or the holiday data say otherwise: China's adjusted
     * working weekends around Spring Festival and National Day, or a listed holiday the office
     * does not take. Such a day keeps its weekday's hours, or else gets the first of Monday to
     * Friday that has hours.
     */
    workdays: isoDateListSchema.default(() => []),
    /** Public holidays of a country (or country-state, e.g. DE-BY) from date-holidays. */
    holidayCountry: z
      .string({ error: 'must be a country code such as CN or DE-BY' })
      .superRefine((code, ctx) => {
        const problem = holidayRegionProblem(code);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform((code) => code.trim().toUpperCase())
      .optional(),
  })
  .superRefine((cal, ctx) => {
    const worked = new Set(cal.workdays);
    cal.holidays.forEach((date, i) => {
      if (worked.has(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', i],
          message: `'${date}' is listed both as a holiday and under workdays; keep it in one list only`,
        });
      }
    });
  });

export type WorkingCalendarInput = z.input<typeof workingCalendarSchema>;
export type WorkingCalendar = z.output<typeof workingCalendarSchema>;
