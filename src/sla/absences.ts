/**
 * Who is away: the `away` lists of the config (with a delegate who covers) and the Absence
 * table (entered with `trademail away add`, without a delegate). Both are read as plain data
 * for the pure assignment rules (src/rank/assign.ts), keyed by the salesperson's email.
 */
import { awayInstants, awaySchema } from '../config/sales-rules.ts';
import type { Config } from '../config/schema.ts';
import { TrademailError } from '../errors.ts';
import type { Absence } from '../rank/assign.ts';
import type { Db } from '../store/client.ts';
import type { Tx } from '../store/leads/upsert-lead.ts';
import { salespersonId } from './people.ts';

export function configAbsences(config: Config): Absence[] {
  return config.salespeople.flatMap((p) =>
    p.away.map((a) => ({ userId: p.email, ...awayInstants(a, p.timeZone), delegateId: a.delegate ?? null })),
  );
}

/** Absences that have not ended by `now`. */
export async function absencesAt(tx: Tx | Db, config: Config, now: Date): Promise<Absence[]> {
  const rows = await tx.absence.findMany({
    where: { endsAt: { gt: now } },
    select: { startsAt: true, endsAt: true, salesperson: { select: { email: true } } },
  });
  const stored = rows.map((r) => ({
    userId: r.salesperson.email,
    from: r.startsAt,
    to: r.endsAt,
    delegateId: null,
  }));
  return [...configAbsences(config).filter((a) => a.to.getTime() > now.getTime()), ...stored];
}

export function isAway(absences: readonly Absence[], email: string, now: Date): Absence | null {
  const t = now.getTime();
  return absences.find((a) => a.userId === email && a.from.getTime() <= t && t < a.to.getTime()) ?? null;
}

export interface StoredAbsence {
  id: number;
  email: string;
  from: Date;
  to: Date;
}

/**
 * Records time away for a configured salesperson (`trademail away add`): `from` and `to` are
 * local dates in the person's time zone, both included, as in the config's `away` lists. Their
 * new and open inquiries go to colleagues by the assignment rules meanwhile.
 */
export async function addAbsence(
  db: Db,
  config: Config,
  input: { email: string; from: string; to: string },
): Promise<StoredAbsence & { timeZone: string }> {
  const email = input.email.trim().toLowerCase();
  const person = config.salespeople.find((p) => p.email === email);
  if (person === undefined) {
    throw new TrademailError('USAGE', `${email} is not in salespeople in the config; add them there first`);
  }
  const dates = awaySchema.safeParse({ from: input.from, to: input.to });
  if (!dates.success) {
    const issue = dates.error.issues[0]!;
    throw new TrademailError('USAGE', `--${String(issue.path[0] ?? 'to')}: ${issue.message}`);
  }
  const { from, to } = awayInstants(dates.data, person.timeZone);
  const row = await db.absence.create({
    data: { salespersonId: await salespersonId(db, config, email), startsAt: from, endsAt: to },
    select: { id: true },
  });
  return { id: row.id, email, from, to, timeZone: person.timeZone };
}

const STORED_ABSENCE = {
  id: true,
  startsAt: true,
  endsAt: true,
  salesperson: { select: { email: true } },
} as const;

function storedAbsence(row: {
  id: number;
  startsAt: Date;
  endsAt: Date;
  salesperson: { email: string };
}): StoredAbsence {
  return { id: row.id, email: row.salesperson.email, from: row.startsAt, to: row.endsAt };
}

/** Stored absences that have not ended by `now`, soonest first. */
export async function storedAbsences(db: Db, now: Date): Promise<StoredAbsence[]> {
  const rows = await db.absence.findMany({
    where: { endsAt: { gt: now } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: STORED_ABSENCE,
  });
  return rows.map(storedAbsence);
}

export async function removeAbsence(db: Db, id: number): Promise<StoredAbsence> {
  const row = await db.absence.findUnique({ where: { id }, select: STORED_ABSENCE });
  if (row === null)
    throw new TrademailError('NOT_FOUND', `there is no stored absence ${id}; see trademail away list`);
  await db.absence.delete({ where: { id } });
  return storedAbsence(row);
}
