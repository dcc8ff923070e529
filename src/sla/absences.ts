/**
 * Who is away: the `away` lists of the config (with a delegate who covers) and the Absence
 * table (entered outside the config, without a delegate). Both are read as plain data for the
 * pure assignment rules (src/rank/assign.ts), keyed by the salesperson's email.
 */
import { awayInstants } from '../config/sales-rules.ts';
import type { Config } from '../config/schema.ts';
import type { Absence } from '../rank/assign.ts';
import type { Db } from '../store/client.ts';
import type { Tx } from '../store/leads/upsert-lead.ts';

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
