/**
 * The shared ("public") pool: a lead its owner does not work on goes back to the pool so a
 * colleague can take it, with a warning to the owner a few days before.
 */
import { z } from 'zod';
import { TrademailError } from '../errors.ts';
import { DAY_MS, isoDay } from './months.ts';

export const poolRulesSchema = z
  .object({
    /** Days without work after which a lead returns to the pool. */
    returnAfterDays: z
      .number()
      .int()
      .positive({ error: 'must be a whole number of days above 0, e.g. 30' })
      .default(30),
    /** How many days before the return the owner is warned. */
    reminderDaysBefore: z
      .number()
      .int()
      .min(0, { error: 'must be 0 (no warning) or more days, e.g. 3' })
      .default(3),
  })
  .refine((r) => r.reminderDaysBefore < r.returnAfterDays, {
    error: 'reminderDaysBefore must be below returnAfterDays (defaults: 3 and 30)',
    path: ['reminderDaysBefore'],
  });

export type PoolRules = z.output<typeof poolRulesSchema>;
export const DEFAULT_POOL_RULES: PoolRules = Object.freeze(poolRulesSchema.parse({}));

export interface PoolLead {
  readonly ownerId: string | null;
  readonly assignedAt: Date | null;
  /** Last recorded work on the lead (mail sent, call logged, note). */
  readonly lastWorkedAt: Date | null;
  /** When the owner was last warned; a warning counts only if it came after the last work. */
  readonly reminderSentAt?: Date | null;
}

export type PoolDecision =
  | { readonly action: 'none'; readonly nextCheckAt: Date | null; readonly reason: string }
  | {
      readonly action: 'remind_owner';
      readonly ownerId: string;
      readonly returnAt: Date;
      readonly reason: string;
    }
  | { readonly action: 'return_to_pool'; readonly ownerId: string; readonly reason: string };

/**
 * What to do with a lead now. Idempotent: once the reminder is recorded (reminderSentAt after
 * the last work) it is not due again, and new work on the lead restarts the count.
 */
export function poolDecision(lead: PoolLead, now: Date, rules: PoolRules = DEFAULT_POOL_RULES): PoolDecision {
  if (lead.ownerId === null)
    return { action: 'none', nextCheckAt: null, reason: 'Already in the shared pool' };
  const times = [lead.assignedAt, lead.lastWorkedAt]
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  if (times.length === 0) {
    throw new TrademailError(
      'USAGE',
      `lead owned by ${lead.ownerId} has neither assignedAt nor lastWorkedAt`,
    );
  }
  const since = Math.max(...times);
  const returnAt = new Date(since + rules.returnAfterDays * DAY_MS);
  const remindAt = new Date(returnAt.getTime() - rules.reminderDaysBefore * DAY_MS);
  const idleDays = Math.floor((now.getTime() - since) / DAY_MS);
  if (now.getTime() >= returnAt.getTime()) {
    return {
      action: 'return_to_pool',
      ownerId: lead.ownerId,
      reason: `Not worked for ${idleDays} days (since ${isoDay(new Date(since))}); returns to the shared pool`,
    };
  }
  const warned = lead.reminderSentAt != null && lead.reminderSentAt.getTime() >= since;
  if (rules.reminderDaysBefore > 0 && now.getTime() >= remindAt.getTime() && !warned) {
    return {
      action: 'remind_owner',
      ownerId: lead.ownerId,
      returnAt,
      reason: `Not worked for ${idleDays} days; goes back to the shared pool on ${isoDay(returnAt)} unless worked`,
    };
  }
  const next =
    now.getTime() < remindAt.getTime() && rules.reminderDaysBefore > 0 && !warned ? remindAt : returnAt;
  return { action: 'none', nextCheckAt: next, reason: `Worked ${idleDays} days ago` };
}
