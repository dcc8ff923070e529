import { TrademailError } from '../../errors.ts';
import type { LocalDate, Weekday } from '../../time/local-time.ts';
import { addDays, fromLocal, toLocal, WEEKDAYS, weekdayOf } from '../../time/local-time.ts';
import type { HolidayCalendar } from './holidays.ts';
import { noHolidays, publicHolidays } from './holidays.ts';
import { localWeekend } from './weekend.ts';
import type { BuyerLocation } from './zone.ts';
import { resolveTimeZone } from './zone.ts';

/** The buyer-local hours mail may go out in, e.g. Monday-Friday 09:00-17:00. */
export interface SendWindow {
  days: readonly Weekday[];
  /** 'HH:MM', buyer-local, inclusive */
  start: string;
  /** 'HH:MM', buyer-local, exclusive; after start (windows do not cross midnight) */
  end: string;
}

export const DEFAULT_SEND_WINDOW: SendWindow = Object.freeze({
  days: Object.freeze(['mon', 'tue', 'wed', 'thu', 'fri'] as const),
  start: '09:00',
  end: '17:00',
});

/**
 * Holidays to skip: 'public' (default) uses date-holidays' national public holidays of the
 * buyer's country, 'none' skips none, or pass your own calendar.
 */
export type HolidayOption = 'public' | 'none' | HolidayCalendar;

export interface SlotOptions {
  buyer: BuyerLocation;
  window: SendWindow;
  holidays?: HolidayOption;
}

/** Everything needed to test a local day, resolved once per call. */
export interface SlotContext {
  timeZone: string;
  country: string | null;
  days: ReadonlySet<Weekday>;
  startMinute: number;
  endMinute: number;
  calendar: HolidayCalendar;
}

/** How far ahead to look for an open day before concluding the window can never open. */
const MAX_SEARCH_DAYS = 366;

function parseClock(value: string, field: 'start' | 'end'): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (m === null) {
    throw new TrademailError(
      'CONFIG_INVALID',
      `send window ${field} "${value}" is not a 24-hour HH:MM time; write it like "09:00"`,
      { details: { field: `window.${field}`, value } },
    );
  }
  return Number(m[1]) * 60 + Number(m[2]);
}

export function slotContext(options: SlotOptions): SlotContext {
  const { window, buyer } = options;
  const startMinute = parseClock(window.start, 'start');
  const endMinute = parseClock(window.end, 'end');
  if (endMinute <= startMinute) {
    throw new TrademailError(
      'CONFIG_INVALID',
      `send window end ${window.end} is not after start ${window.start}; windows cannot cross midnight`,
      { details: { field: 'window.end' } },
    );
  }
  for (const d of window.days) {
    if (!WEEKDAYS.includes(d)) {
      throw new TrademailError(
        'CONFIG_INVALID',
        `send window day "${d}" is not one of ${WEEKDAYS.join(', ')}`,
        {
          details: { field: 'window.days', value: d },
        },
      );
    }
  }
  // The buyer's own weekend is never a send day, whatever the window says (a Saudi office is
  // closed on Friday even when the configured window is Monday-Friday).
  const weekend = localWeekend(buyer.country);
  const days = new Set(window.days.filter((d) => !weekend.includes(d)));
  if (days.size === 0) {
    throw new TrademailError(
      'CONFIG_INVALID',
      `send window has no working day left for country ${buyer.country ?? 'unknown'} (days: ${window.days.join(', ') || 'none'}); add weekdays to window.days`,
      { details: { field: 'window.days' } },
    );
  }
  const h = options.holidays ?? 'public';
  const calendar = h === 'public' ? publicHolidays : h === 'none' ? noHolidays : h;
  return { timeZone: resolveTimeZone(buyer), country: buyer.country, days, startMinute, endMinute, calendar };
}

/** The window of one local day as instants, or null when that day is not a send day. */
export function dayWindow(date: LocalDate, ctx: SlotContext): { start: Date; end: Date } | null {
  if (!ctx.days.has(weekdayOf(date))) return null;
  if (ctx.country !== null && ctx.calendar(ctx.country, date)) return null;
  const at = (minute: number) =>
    fromLocal({ ...date, hour: Math.floor(minute / 60), minute: minute % 60 }, ctx.timeZone);
  return { start: at(ctx.startMinute), end: at(ctx.endMinute) };
}

/** True when `instant` falls inside the buyer's send window on a send day. */
export function isInSendWindow(instant: Date, options: SlotOptions): boolean {
  const ctx = slotContext(options);
  const w = dayWindow(toLocal(instant, ctx.timeZone), ctx);
  return w !== null && instant >= w.start && instant < w.end;
}

/** The first instant at or after `from` that is inside the send window (`from` itself when it is). */
export function firstSlotFrom(from: Date, ctx: SlotContext): Date {
  const today = toLocal(from, ctx.timeZone);
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    const w = dayWindow(addDays(today, i), ctx);
    if (w === null || from >= w.end) continue;
    return from >= w.start ? from : w.start;
  }
  throw new TrademailError(
    'CONFIG_INVALID',
    `no send slot within ${MAX_SEARCH_DAYS} days of ${from.toISOString()} for zone ${ctx.timeZone}; check the send window and holiday calendar`,
  );
}

/** Moves a due step into the buyer's window: `now` when it is inside, else the next window opening. */
export function nextSendSlot(now: Date, options: SlotOptions): Date {
  return firstSlotFrom(now, slotContext(options));
}
