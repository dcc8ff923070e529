/**
 * Assignment in the store: reads what the pure rules need (the buyer's or company's current
 * owner, who is away, the teams' round-robin positions), decides with assignLead, and writes
 * the round-robin position back in the same transaction as the inquiry, so the rotation
 * carries on across restarts and a rolled-back inquiry does not move it.
 */
import type { Config } from '../config/schema.ts';
import { type Absence, type AssignInput, type Assignment, assignLead } from '../rank/assign.ts';
import type { Tx } from '../store/leads/upsert-lead.ts';
import { absencesAt } from './absences.ts';

export interface OwnerChoice {
  /** Email of whoever answers this inquiry (the owner, or a colleague covering an absence). */
  readonly ownerEmail: string | null;
  /** Email of the lead's owner afterwards: a covering colleague does not take the lead over. */
  readonly leadOwnerEmail: string | null;
  readonly assignment: Assignment;
}

/** The current owner of the same buyer, else of a colleague at the same company (most recent first). */
async function previousOwner(tx: Tx, leadId: number): Promise<string | null> {
  const lead = await tx.lead.findUniqueOrThrow({
    where: { id: leadId },
    select: { companyId: true, owner: { select: { email: true } } },
  });
  if (lead.owner !== null) return lead.owner.email;
  if (lead.companyId === null) return null;
  const colleague = await tx.lead.findFirst({
    where: { companyId: lead.companyId, ownerId: { not: null }, id: { not: leadId } },
    orderBy: [{ assignedAt: 'desc' }, { id: 'desc' }],
    select: { owner: { select: { email: true } } },
  });
  return colleague?.owner?.email ?? null;
}

/** The teams' round-robin positions (the index of the member each team gave its last lead). */
export async function roundRobin(tx: Tx): Promise<Record<string, number>> {
  const rows = await tx.roundRobin.findMany({ select: { team: true, lastIndex: true } });
  return Object.fromEntries(rows.map((r) => [r.team, r.lastIndex]));
}

export async function saveRoundRobin(tx: Tx, team: string, lastIndex: number): Promise<void> {
  await tx.roundRobin.upsert({ where: { team }, create: { team, lastIndex }, update: { lastIndex } });
}

export async function chooseOwner(
  tx: Tx,
  config: Config,
  leadId: number,
  input: AssignInput,
  now: Date,
): Promise<OwnerChoice> {
  const previous = await previousOwner(tx, leadId);
  const rr = await roundRobin(tx);
  const choice = decideOwner(config, previous, input, now, await absencesAt(tx, config, now), rr);
  if (choice.assignment.roundRobin !== null) {
    const { team, lastIndex } = choice.assignment.roundRobin;
    await saveRoundRobin(tx, team, lastIndex);
  }
  return choice;
}

/**
 * The pure half of chooseOwner, shared with the batch store (which reads absences and the
 * round-robin counters once per batch and keeps them in memory).
 */
export function decideOwner(
  config: Config,
  previous: string | null,
  input: AssignInput,
  now: Date,
  absences: readonly Absence[],
  roundRobin: Record<string, number>,
): OwnerChoice {
  // A previous owner no longer in the config cannot keep the buyer.
  const sticky = previous !== null && config.salespeople.some((p) => p.email === previous) ? previous : null;
  const assignment = assignLead(input, config.assignment, {
    now,
    previousOwnerId: sticky,
    absences,
    roundRobin,
  });
  const covering = assignment.via === 'sticky' && assignment.ownerId !== sticky;
  return {
    ownerEmail: assignment.ownerId,
    leadOwnerEmail: covering ? sticky : assignment.ownerId,
    assignment,
  };
}
