/**
 * What ingest reports about a lead, turned into enrollment moves. Each handler is idempotent:
 * the same reply or bounce seen twice finds nothing live the second time.
 *
 * - reply from the lead: stop (and, when the company rule is on, stop colleagues' enrollments)
 * - a salesperson mailing the lead directly: pause the automated steps
 * - hard bounce: suppress the address, mark the lead undeliverable, stop
 * - unsubscribe: suppress the address in every sequence, stop
 * - out-of-office with a return date: pause until then (or a default), then the scheduler resumes
 */
import { isTrademailError, TrademailError } from '../../errors.ts';
import type { Db } from '../../store/client.ts';
import type { Enrollment } from '../../store/sequences/enrollments.ts';
import { changeEnrollmentState, extendPause, liveEnrollmentsOf } from '../../store/sequences/enrollments.ts';
import { cancelQueued } from '../../store/sequences/outbox.ts';
import { suppress } from '../../store/suppressions.ts';

/** Reasons the engine itself records (manual moves carry the operator's own words). */
export const STOP_REASONS = {
  replied: 'replied',
  companyReplied: 'company_replied',
  hardBounce: 'hard_bounce',
  unsubscribed: 'unsubscribed',
  suppressed: 'suppressed',
  undeliverable: 'undeliverable',
  noAddress: 'no_address',
} as const;

export const PAUSE_REASONS = { manualContact: 'manual_contact', outOfOffice: 'out_of_office' } as const;

export interface SignalResult {
  stopped: number[];
  paused: number[];
}

type LiveEnrollment = Enrollment & { sequence: { name: string; definition: string } };

function stopOnOf(e: LiveEnrollment): { reply: boolean; companyReply: boolean } {
  const def = JSON.parse(e.sequence.definition) as { stopOn?: { reply?: boolean; companyReply?: boolean } };
  return { reply: def.stopOn?.reply ?? true, companyReply: def.stopOn?.companyReply ?? true };
}

/**
 * Applies one move; an enrollment another process ended meanwhile (ILLEGAL_TRANSITION) is
 * already where the signal wants it, so it is left out of the result rather than reported.
 */
async function apply(move: () => Promise<unknown>): Promise<boolean> {
  try {
    await move();
    return true;
  } catch (err) {
    if (isTrademailError(err, 'ILLEGAL_TRANSITION')) return false;
    throw err;
  }
}

async function stopAll(
  db: Db,
  enrollments: readonly LiveEnrollment[],
  reason: string,
  now: Date,
): Promise<number[]> {
  const stopped: number[] = [];
  for (const e of enrollments) {
    const moved = await apply(() =>
      changeEnrollmentState(db, e.id, {
        to: 'stopped',
        reason,
        now,
        note: 'stopped',
        sequenceName: e.sequence.name,
      }),
    );
    if (moved) stopped.push(e.id);
  }
  await cancelQueued(db, { enrollmentIds: stopped }, `enrollment stopped (${reason})`, now);
  return stopped;
}

async function leadOrThrow(db: Db, leadId: number) {
  const lead = await db.lead.findUnique({ where: { id: leadId }, select: { id: true, companyId: true } });
  if (lead === null) throw new TrademailError('NOT_FOUND', `lead ${leadId} does not exist`);
  return lead;
}

/**
 * The lead replied: its live enrollments stop (those whose sequence has stopOn.reply). With
 * `companyWide` (the company rule in config), live enrollments of other leads at the same
 * company stop too where the sequence has stopOn.company_reply.
 */
export async function onLeadReplied(
  db: Db,
  leadId: number,
  now: Date,
  options: { companyWide?: boolean } = {},
): Promise<SignalResult> {
  const lead = await leadOrThrow(db, leadId);
  const own = (await liveEnrollmentsOf(db, [leadId])).filter((e) => stopOnOf(e).reply);
  const stopped = await stopAll(db, own, STOP_REASONS.replied, now);
  if (options.companyWide && lead.companyId !== null) {
    const colleagues = await db.lead.findMany({
      where: { companyId: lead.companyId, id: { not: leadId } },
      select: { id: true },
    });
    const theirs = (
      await liveEnrollmentsOf(
        db,
        colleagues.map((c) => c.id),
      )
    ).filter((e) => stopOnOf(e).companyReply);
    stopped.push(...(await stopAll(db, theirs, STOP_REASONS.companyReplied, now)));
  }
  return { stopped, paused: [] };
}

/**
 * A salesperson mailed the lead directly (seen in a Sent folder or the drop box): automated steps
 * pause so they do not talk over the person. Without `resumeAfterDays` they stay paused until
 * someone resumes them.
 */
export async function onManualContact(
  db: Db,
  leadId: number,
  now: Date,
  options: { resumeAfterDays?: number | null } = {},
): Promise<SignalResult> {
  await leadOrThrow(db, leadId);
  const days = options.resumeAfterDays ?? null;
  const until = days === null ? null : new Date(now.getTime() + days * 86_400_000);
  const paused: number[] = [];
  for (const e of await liveEnrollmentsOf(db, [leadId])) {
    if (e.state !== 'active') continue;
    const moved = await apply(() =>
      changeEnrollmentState(db, e.id, {
        to: 'paused',
        from: ['active'],
        reason: PAUSE_REASONS.manualContact,
        now,
        pausedUntil: until,
        note: until === null ? 'paused' : `paused until ${until.toISOString()}`,
        sequenceName: e.sequence.name,
      }),
    );
    if (moved) paused.push(e.id);
  }
  return { stopped: [], paused };
}

async function leadsWithAddress(db: Db, address: string): Promise<number[]> {
  const rows = await db.lead.findMany({ where: { email: address }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** The address bounced permanently: never mail it again, stop everything sent to it. */
export async function onHardBounce(db: Db, address: string, now: Date): Promise<SignalResult> {
  const a = address.trim().toLowerCase();
  await suppress(db, a, 'hard_bounce');
  const leadIds = await leadsWithAddress(db, a);
  await db.lead.updateMany({
    where: { id: { in: leadIds }, undeliverableAt: null },
    data: { undeliverableAt: now },
  });
  const stopped = await stopAll(db, await liveEnrollmentsOf(db, leadIds), STOP_REASONS.hardBounce, now);
  await cancelQueued(db, { toAddress: a }, 'address bounced', now);
  return { stopped, paused: [] };
}

/** The buyer unsubscribed: suppressed for every sequence, all live enrollments stop. */
export async function onUnsubscribe(db: Db, address: string, now: Date): Promise<SignalResult> {
  const a = address.trim().toLowerCase();
  await suppress(db, a, 'unsubscribe');
  const stopped = await stopAll(
    db,
    await liveEnrollmentsOf(db, await leadsWithAddress(db, a)),
    STOP_REASONS.unsubscribed,
    now,
  );
  await cancelQueued(db, { toAddress: a }, 'address unsubscribed', now);
  return { stopped, paused: [] };
}

/**
 * An auto-reply says the buyer is away: active enrollments pause until the return date (or
 * `defaultPauseDays` when none was given or it already passed); the scheduler resumes them.
 * A timed pause that ends earlier is extended; a pause without an end (a person took over) is kept.
 */
export async function onOutOfOffice(
  db: Db,
  leadId: number,
  returnDate: Date | null,
  now: Date,
  defaultPauseDays = 7,
): Promise<SignalResult> {
  await leadOrThrow(db, leadId);
  const until =
    returnDate !== null && returnDate.getTime() > now.getTime()
      ? returnDate
      : new Date(now.getTime() + defaultPauseDays * 86_400_000);
  const paused: number[] = [];
  for (const e of await liveEnrollmentsOf(db, [leadId])) {
    if (e.state === 'paused') {
      if (e.pausedUntil !== null && e.pausedUntil < until && (await extendPause(db, e.id, until)))
        paused.push(e.id);
      continue;
    }
    const moved = await apply(() =>
      changeEnrollmentState(db, e.id, {
        to: 'paused',
        from: ['active'],
        reason: PAUSE_REASONS.outOfOffice,
        now,
        pausedUntil: until,
        note: `paused until ${until.toISOString()}`,
        sequenceName: e.sequence.name,
      }),
    );
    if (moved) paused.push(e.id);
  }
  return { stopped: [], paused };
}
