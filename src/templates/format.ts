import { TrademailError } from '../errors.ts';

export const DATE_STYLES = ['date', 'datetime', 'time', 'weekday'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

const DATE_OPTIONS: Readonly<Record<DateStyle, Intl.DateTimeFormatOptions>> = {
  date: { year: 'numeric', month: 'long', day: 'numeric' },
  datetime: {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  },
  time: { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  weekday: { weekday: 'long', month: 'long', day: 'numeric' },
};

/** A Date from a Date, an ISO string or epoch milliseconds; throws on anything unreadable. */
export function toDate(value: unknown, what: string): Date {
  const d =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : null;
  if (d === null || Number.isNaN(d.getTime())) {
    throw new TrademailError('TEMPLATE_RENDER_FAILED', `${what}: ${JSON.stringify(value)} is not a date`);
  }
  return d;
}

/** A date as the buyer reads it: their language's words and order, their time zone's day and clock. */
export function formatDate(value: Date, style: DateStyle, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { ...DATE_OPTIONS[style], timeZone }).format(value);
}

/** "A, B and C" in the locale's own words and punctuation ("A、B和C", "A, B y C"). */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * Shortens text to at most `max` characters (code points), cutting at a word boundary when one
 * is near and ending with an ellipsis, so subjects stay under the 50-character rule whatever the
 * buyer's company or product is called.
 */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return chars.slice(0, max).join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  const body = space >= Math.floor(max * 0.6) ? cut.slice(0, space) : cut;
  return `${body.replace(/[\s,.;:–-]+$/u, '')}…`;
}
