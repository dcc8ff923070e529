/**
 * The queue as a salesperson reads it: one block per inquiry, most urgent first. The first
 * line says how much working time is left (or how late it is) and when it is due on the clock;
 * then who is asking, what for, and the ranking with its strongest reasons (explainLine).
 */
import { explainLine } from '../rank/explain.ts';
import type { QueueEntry, QueueFilter } from './queue.ts';

const MINUTE = 60_000;

/** "1 h 05 min", "25 min", "31 h 00 min": working time, so no days (a working day is not 24 h). */
export function workingDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : `${h} h ${String(m).padStart(2, '0')} min`;
}

function parts(at: Date, timeZone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
}

/** "Mon 9 Mar 14:00" in `timeZone`. */
export function clockTime(at: Date, timeZone: string, withYear = false): string {
  const p = parts(at, timeZone);
  return `${p['weekday']} ${p['day']} ${p['month']}${withYear ? ` ${p['year']}` : ''} ${p['hour']}:${p['minute']}`;
}

function buyerLine(e: QueueEntry): string {
  const b = e.buyer;
  const who = [b.name, b.company].filter((s) => s !== null && s !== '').join(', ');
  const country = b.country === null ? '' : ` (${b.country})`;
  const address =
    b.email !== null ? `<${b.email}>` : b.platform !== null ? `via ${b.platform}, address hidden` : '';
  return [`${who === '' ? 'Unknown buyer' : who}${country}`, address].filter((s) => s !== '').join(' ');
}

function clockLine(e: QueueEntry, timeZone: string): string {
  const owner = e.owner === null ? 'no owner (shared pool)' : e.owner.name;
  if (e.deadlineAt === null || e.workingMsLeft === null) return `no deadline · ${owner}`;
  const due = `due ${clockTime(e.deadlineAt, timeZone)}`;
  const left = e.overdue
    ? `OVERDUE ${workingDuration(e.workingMsLeft)}`
    : `${workingDuration(e.workingMsLeft)} left`;
  return `${left} · ${due} · ${owner}`;
}

function describeFilter(filter: QueueFilter): string {
  const parts = [
    filter.owner === undefined ? null : `owner ${filter.owner}`,
    filter.tier === undefined ? null : `tier ${filter.tier}`,
    filter.overdue ? 'overdue only' : null,
  ].filter((p) => p !== null);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

export function formatQueue(
  entries: readonly QueueEntry[],
  options: { now: Date; timeZone: string; filter?: QueueFilter },
): string {
  const filter = options.filter ?? {};
  if (entries.length === 0) return `No open inquiries${describeFilter(filter)}.`;
  const overdue = entries.filter((e) => e.overdue).length;
  const lines = [
    `Open inquiries${describeFilter(filter)}: ${entries.length}, ${overdue} overdue · ${clockTime(options.now, options.timeZone, true)} ${options.timeZone}`,
    'Time left counts the owner’s working hours.',
  ];
  const width = String(entries.length).length;
  entries.forEach((e, i) => {
    const indent = ' '.repeat(width + 2);
    const what = [
      e.products.length === 0 ? 'products not named' : e.products.join(', '),
      e.grade === null ? null : `grade ${e.grade}`,
      `"${e.subject.replace(/\s+/g, ' ').trim()}"`,
    ].filter((s) => s !== null);
    const ranking =
      e.tier === null || e.score === null || e.slaHours === null
        ? 'not ranked'
        : explainLine(
            { tier: e.tier, score: e.score, slaHours: e.slaHours, reasons: e.reasons },
            { maxReasons: 3 },
          );
    lines.push(
      '',
      `${String(i + 1).padStart(width)}. ${clockLine(e, options.timeZone)}`,
      `${indent}${buyerLine(e)}`,
      `${indent}${what.join(' · ')}`,
      `${indent}${ranking}`,
    );
  });
  return lines.join('\n');
}

/** The queue as JSON: instants in ISO 8601, durations in working minutes. */
export function queueJson(entries: readonly QueueEntry[], options: { now: Date; timeZone: string }) {
  return {
    now: options.now.toISOString(),
    timeZone: options.timeZone,
    inquiries: entries.map((e) => ({
      inquiryId: e.inquiryId,
      tier: e.tier,
      score: e.score,
      slaHours: e.slaHours,
      deadlineAt: e.deadlineAt?.toISOString() ?? null,
      receivedAt: e.receivedAt.toISOString(),
      workingMinutesLeft: e.workingMsLeft === null ? null : Math.round(e.workingMsLeft / MINUTE),
      overdue: e.overdue,
      owner: e.owner,
      buyer: e.buyer,
      products: e.products,
      grade: e.grade,
      kind: e.kind,
      subject: e.subject,
      reasons: e.reasons,
    })),
  };
}
