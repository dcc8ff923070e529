/**
 * Reply rate per sequence step: of the step mails sent in the period, how many the lead answered
 * before the next step of the same enrollment went out (or at any later time for the last one).
 */

export interface StepMail {
  enrollmentId: number;
  leadId: number;
  sequence: string;
  position: number;
  stepKey: string | null;
  sentAt: Date;
}

export interface ReplyRateRow {
  sequence: string;
  position: number;
  stepKey: string | null;
  sent: number;
  replied: number;
  replyRate: number | null;
}

/**
 * `mails` are the sent step mails of the period; `allSent` every sent step mail of the same
 * enrollments (to find each one's next step); `replies` the leads' reply times.
 */
export function replyRateChart(
  mails: readonly StepMail[],
  allSent: readonly StepMail[],
  replies: ReadonlyMap<number, readonly Date[]>,
): ReplyRateRow[] {
  const rows = new Map<string, ReplyRateRow>();
  for (const m of mails) {
    const next = allSent
      .filter((o) => o.enrollmentId === m.enrollmentId && o.position > m.position)
      .reduce<Date | null>((min, o) => (min === null || o.sentAt < min ? o.sentAt : min), null);
    const replied = (replies.get(m.leadId) ?? []).some((r) => r > m.sentAt && (next === null || r < next));
    const key = `${m.sequence}\n${m.position}`;
    const row = rows.get(key) ?? {
      sequence: m.sequence,
      position: m.position,
      stepKey: m.stepKey,
      sent: 0,
      replied: 0,
      replyRate: null,
    };
    row.sent++;
    if (replied) row.replied++;
    rows.set(key, row);
  }
  return [...rows.values()]
    .map((r) => ({ ...r, replyRate: r.sent === 0 ? null : Math.round((r.replied / r.sent) * 1000) / 1000 }))
    .sort((a, b) => a.sequence.localeCompare(b.sequence) || a.position - b.position);
}
