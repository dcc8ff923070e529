/** Dates, durations and labels as a salesperson reads them. */

let timeZone;

/** Dates are shown in the signed-in person's own time zone (from /api/me). */
export function useTimeZone(zone) {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    timeZone = zone;
  } catch {
    timeZone = undefined;
  }
}

function toDate(value) {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function dateTime(value) {
  const d = toDate(value);
  if (d === null) return '—';
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

export function dateOnly(value) {
  const d = toDate(value);
  if (d === null) return '—';
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(d);
}

/** "2 d 3 h", "3 h 05 min", "12 min 09 s", "45 s": precise near zero, coarse far away. */
export function duration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(sec).padStart(2, '0')} s`;
  return `${sec} s`;
}

/** "in 3 h 05 min" / "3 h 05 min ago". */
export function relative(value, nowMs) {
  const d = toDate(value);
  if (d === null) return '—';
  const diff = d.getTime() - nowMs;
  return diff >= 0 ? `in ${duration(diff)}` : `${duration(diff)} ago`;
}

export function minutes(n) {
  if (n === null || n === undefined) return '—';
  if (n < 60) return `${Math.round(n)} min`;
  if (n < 48 * 60) return `${(n / 60).toFixed(n < 600 ? 1 : 0)} h`;
  return `${(n / 1440).toFixed(1)} d`;
}

/** A delay range of a sequence step, in days or hours. */
export function delayRange(minMinutes, maxMinutes) {
  const unit = (m) => (m % 1440 === 0 ? `${m / 1440} d` : m % 60 === 0 ? `${m / 60} h` : `${m} min`);
  if (minMinutes === 0 && maxMinutes === 0) return 'at once';
  return minMinutes === maxMinutes ? `+${unit(minMinutes)}` : `+${unit(minMinutes)} to ${unit(maxMinutes)}`;
}

export function quantity(q, unit) {
  if (q === null || q === undefined) return null;
  return `${new Intl.NumberFormat().format(q)}${unit ? ` ${unit}` : ''}`;
}

export function money(amount, currency) {
  if (amount === null || amount === undefined) return null;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD' }).format(
      amount,
    );
  } catch {
    return `${amount} ${currency ?? ''}`.trim();
  }
}

export function percent(value) {
  return value === null || value === undefined ? '—' : `${Math.round(value * 10) / 10}%`;
}

const COUNTRY_NAMES =
  typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'region' }) : null;

export function country(code) {
  if (!code) return null;
  try {
    return COUNTRY_NAMES?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Words for the store's codes. */
export const LABELS = {
  kind: {
    inquiry: 'Direct inquiry',
    platform_inquiry: 'Platform inquiry',
    form_inquiry: 'Website form',
    forwarded_inquiry: 'Forwarded inquiry',
    bcc_outbound: 'Our mail (logged)',
    reply: 'Reply',
    unsubscribe: 'Unsubscribe',
    auto_reply: 'Auto-reply',
    bounce: 'Bounce',
    spam: 'Junk',
    other: 'Other',
  },
  activity: {
    inquiry: 'Inquiry',
    reply: 'Reply',
    bounce: 'Bounce',
    auto_reply: 'Auto-reply',
    unsubscribe: 'Unsubscribe',
    outbound: 'Sequence mail sent',
    bcc_outbound: 'Our mail',
    note: 'Note',
  },
  slaState: {
    open: 'On time',
    breached: 'Overdue',
    met: 'Answered in time',
    answered_late: 'Answered late',
  },
};

export function label(group, code) {
  return LABELS[group]?.[code] ?? (code ? String(code).replaceAll('_', ' ') : '—');
}
