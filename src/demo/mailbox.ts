/**
 * The bundled sample mailbox (demo/mailbox/*.eml) placed in time. Its mails are dated over a
 * month of 2025; the demo moves every Date header forward by the same whole number of weeks,
 * so weekdays, times of day and the holidays that fall on a weekday rule (Thanksgiving, Mexico's
 * Revolution Day) stay as written: the story plays out the same whatever day the demo runs. The
 * demo's clock is set just after the newest mail (see weekAligned), so the SLA clocks of the
 * newest inquiries are still running when you look.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrademailError } from '../errors.ts';
import { headerBlock, rawHeader } from '../ingest/raw/message-key.ts';

export interface Arrival {
  /** The copy with the moved Date header, ready for import. */
  file: string;
  name: string;
  at: Date;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The Date header's instant (RFC 5322 3.3), or null when the mail has none or it is unreadable. */
export function dateOf(raw: Buffer): Date | null {
  const value = rawHeader(headerBlock(raw), 'date');
  if (value === null) return null;
  const d = new Date(value.replace(/\([^)]*\)/g, '').trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An RFC 5322 date-time for `at`, written in the zone offset `offset` ("+0800"). */
export function formatDate(at: Date, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const local = new Date(at.getTime() + minutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${offset}`;
}

/** Replaces the first Date header of the top-level header block; the body is left byte for byte. */
export function withDate(raw: Buffer, at: Date): Buffer {
  const block = headerBlock(raw);
  const match = /^Date[ \t]*:(.*(?:\r?\n[ \t].*)*)/im.exec(block);
  if (match === null) return raw;
  const offset = /([+-]\d{4})/.exec(match[1]!)?.[1] ?? '+0000';
  const line = `Date: ${formatDate(at, offset)}`;
  const head = Buffer.from(
    block.slice(0, match.index) + line + block.slice(match.index + match[0].length),
    'latin1',
  );
  return Buffer.concat([head, raw.subarray(block.length)]);
}

const WEEK_MS = 7 * 24 * 3_600_000;

/** The newest Date header of the mailbox's mails. */
function newestDate(sourceDir: string): Date {
  const dates = readdirSync(sourceDir)
    .filter((n) => n.endsWith('.eml'))
    .flatMap((n) => dateOf(readFileSync(join(sourceDir, n))) ?? []);
  if (dates.length === 0) throw new TrademailError('IMPORT_SOURCE', `${sourceDir} holds no dated .eml files`);
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/**
 * The latest instant at or before `target` that lies a whole number of weeks after the newest
 * mail: where placeMailbox must put the newest mail for the story to keep its weekdays. It is
 * at most a week before `target`.
 */
export function weekAligned(sourceDir: string, target: Date): Date {
  const newest = newestDate(sourceDir).getTime();
  const weeks = Math.floor((target.getTime() - newest) / WEEK_MS);
  return new Date(newest + weeks * WEEK_MS);
}

/**
 * Copies the mailbox into `outDir` with the dates moved so the newest mail lands at `lastAt`,
 * and returns the mails in arrival order. A mail without a usable Date arrives with the one
 * before it (by file name).
 */
export function placeMailbox(sourceDir: string, outDir: string, lastAt: Date): Arrival[] {
  const names = readdirSync(sourceDir)
    .filter((n) => n.endsWith('.eml'))
    .sort();
  if (names.length === 0) throw new TrademailError('IMPORT_SOURCE', `${sourceDir} holds no .eml files`);
  const mails = names.map((name) => {
    const raw = readFileSync(join(sourceDir, name));
    return { name, raw, date: dateOf(raw) };
  });
  const dated = mails.map((m) => m.date).filter((d): d is Date => d !== null);
  const newest = Math.max(...dated.map((d) => d.getTime()));
  const shift = lastAt.getTime() - newest;
  mkdirSync(outDir, { recursive: true });
  let previous = new Date(Math.min(...dated.map((d) => d.getTime())) + shift);
  const arrivals = mails.map((m) => {
    const at = m.date === null ? previous : new Date(m.date.getTime() + shift);
    previous = at;
    const file = join(outDir, m.name);
    writeFileSync(file, m.date === null ? m.raw : withDate(m.raw, at));
    return { file, name: m.name, at };
  });
  return arrivals.sort((a, b) => a.at.getTime() - b.at.getTime() || a.name.localeCompare(b.name));
}
