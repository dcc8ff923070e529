/**
 * Salesperson rows mirror the config (the config is the source): synced by email at service
 * start, and created on demand when an inquiry is assigned before the first sync (an import
 * or `trademail sync` run without the service).
 */
import type { Config } from '../config/schema.ts';
import { TrademailError } from '../errors.ts';
import type { WorkingCalendar } from '../rank/working-hours.ts';
import type { Db } from '../store/client.ts';
import type { Tx } from '../store/leads/upsert-lead.ts';

type Person = Config['salespeople'][number];

function fields(p: Person) {
  return { name: p.name, role: p.role, timeZone: p.timeZone, active: true };
}

export interface SyncReport {
  upserted: number;
  deactivated: number;
}

/** Upserts every configured salesperson, links managers, and marks people no longer listed inactive. */
export async function syncSalespeople(db: Db, config: Config): Promise<SyncReport> {
  return db.$transaction(async (tx) => {
    const ids = new Map<string, number>();
    for (const p of config.salespeople) {
      const row = await tx.salesperson.upsert({
        where: { email: p.email },
        create: { email: p.email, ...fields(p) },
        update: fields(p),
        select: { id: true },
      });
      ids.set(p.email, row.id);
    }
    for (const p of config.salespeople) {
      const managerId = p.manager === undefined ? null : (ids.get(p.manager) ?? null);
      await tx.salesperson.update({ where: { id: ids.get(p.email)! }, data: { managerId } });
    }
    const gone = await tx.salesperson.updateMany({
      where: { email: { notIn: [...ids.keys()] }, active: true },
      data: { active: false },
    });
    return { upserted: ids.size, deactivated: gone.count };
  });
}

/** The row id of a configured salesperson, creating the row when the first sync has not run yet. */
export async function salespersonId(tx: Tx | Db, config: Config, email: string): Promise<number> {
  const person = config.salespeople.find((p) => p.email === email);
  if (person === undefined) {
    throw new TrademailError(
      'USAGE',
      `${email} is not in salespeople; assignment can only name configured people`,
    );
  }
  const row = await tx.salesperson.upsert({
    where: { email },
    create: { email, ...fields(person) },
    update: {},
    select: { id: true },
  });
  return row.id;
}

/** Whose working hours a clock runs in: the person's own, else the company's. */
export function calendarOf(config: Config, email: string | null | undefined): WorkingCalendar {
  return (email === null || email === undefined ? undefined : config.calendars[email]) ?? config.workingHours;
}

export function personOf(config: Config, email: string | null | undefined): Person | null {
  return config.salespeople.find((p) => p.email === email) ?? null;
}

/** Who is told when an inquiry of `ownerEmail` breaches: their manager, else the first manager listed. */
export function managerOf(config: Config, ownerEmail: string | null): Person | null {
  const owner = personOf(config, ownerEmail);
  const own = owner?.manager === undefined ? null : personOf(config, owner.manager);
  return own ?? config.salespeople.find((p) => p.role === 'manager' && p.email !== ownerEmail) ?? null;
}
