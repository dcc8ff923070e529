/**
 * Working periods of one day, written "HH:MM-HH:MM". A period whose end is not after its start
 * crosses midnight ("22:00-02:00") and belongs to the day it starts on, so the Friday night shift
 * is Friday's even though it ends on Saturday.
 */

export interface Period {
  /** Minutes after the day's local midnight. */
  readonly start: number;
  /** Minutes after the same midnight; above 1440 for periods that cross midnight. */
  readonly end: number;
  readonly text: string;
}

export const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof DAY_KEYS)[number];

/** Index by Date#getUTCDay (0 = Sunday). */
export const DAY_KEY_BY_WEEKDAY: readonly DayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const PERIOD = /^\s*(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})\s*$/;

export type PeriodParse = { ok: true; period: Period } | { ok: false; message: string };

export function parsePeriod(text: string): PeriodParse {
  const m = PERIOD.exec(text);
  const bad = {
    ok: false as const,
    message: `'${text}' is not HH:MM-HH:MM; write e.g. 13:30-18:00 (22:00-02:00 crosses midnight)`,
  };
  if (m === null) return bad;
  const [sh, sm, eh, em] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (sh > 23 || sm > 59 || em > 59 || eh > 24 || (eh === 24 && em !== 0)) return bad;
  const start = sh * 60 + sm;
  const endOfDay = eh * 60 + em;
  if (start === endOfDay) {
    return {
      ok: false,
      message: `'${text}' starts and ends at the same time; for a whole day write 00:00-24:00`,
    };
  }
  const end = endOfDay > start ? endOfDay : endOfDay + 1440;
  return { ok: true, period: { start, end, text: text.trim() } };
}

/** The first pair of periods that overlap, to report; periods only touching (12:00 / 12:00) are fine. */
export function findOverlap(periods: readonly Period[]): [Period, Period] | null {
  const sorted = [...periods].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.start < prev.end) return [prev, cur];
  }
  return null;
}

export function formatMinutes(minutes: number): string {
  const m = minutes % 1440 === 0 && minutes > 0 ? 1440 : minutes % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
