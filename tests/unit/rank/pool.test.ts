/** Shared-pool rules: an unworked lead returns after 30 days, with a warning to its owner 3 days before. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POOL_RULES, poolDecision, poolRulesSchema } from '../../../src/rank/pool.ts';

const DAY = 86_400_000;
const assignedAt = new Date('2026-03-01T08:00:00Z');
const day = (n: number) => new Date(assignedAt.getTime() + n * DAY);
const lead = { ownerId: 'lily', assignedAt, lastWorkedAt: null };

describe('poolDecision', () => {
  it('does nothing before day 27 and says when to look again', () => {
    const d = poolDecision(lead, day(10));
    expect(d.action).toBe('none');
    expect(d.action === 'none' && d.nextCheckAt?.toISOString()).toBe(day(27).toISOString());
  });

  it('warns the owner on day 27 (N-3), once', () => {
    const d = poolDecision(lead, day(27));
    expect(d).toEqual({
      action: 'remind_owner',
      ownerId: 'lily',
      returnAt: day(30),
      reason: 'Not worked for 27 days; goes back to the shared pool on 2026-03-31 unless worked',
    });
    const after = poolDecision({ ...lead, reminderSentAt: day(27) }, day(28));
    expect(after.action).toBe('none');
    expect(after.action === 'none' && after.nextCheckAt?.toISOString()).toBe(day(30).toISOString());
  });

  it('returns the lead to the pool on day 30', () => {
    expect(poolDecision({ ...lead, reminderSentAt: day(27) }, day(29.9)).action).toBe('none');
    const d = poolDecision({ ...lead, reminderSentAt: day(27) }, day(30));
    expect(d.action).toBe('return_to_pool');
    expect(d.action === 'return_to_pool' && d.reason).toBe(
      'Not worked for 30 days (since 2026-03-01); returns to the shared pool',
    );
  });

  it('restarts the count when the owner works the lead, and re-arms the warning', () => {
    // Warned on day 27, worked on day 28: a new 30-day count, and a new warning on day 55.
    const worked = { ...lead, reminderSentAt: day(27), lastWorkedAt: day(28) };
    expect(poolDecision(worked, day(30)).action).toBe('none');
    expect(poolDecision(worked, day(54)).action).toBe('none');
    expect(poolDecision(worked, day(55)).action).toBe('remind_owner');
    expect(poolDecision({ ...worked, reminderSentAt: day(55) }, day(57)).action).toBe('none');
    expect(poolDecision(worked, day(58)).action).toBe('return_to_pool');
  });

  it('leaves pool leads alone and refuses an owned lead without dates', () => {
    expect(poolDecision({ ownerId: null, assignedAt: null, lastWorkedAt: null }, day(100)).action).toBe(
      'none',
    );
    expect(() => poolDecision({ ownerId: 'lily', assignedAt: null, lastWorkedAt: null }, day(1))).toThrow(
      /neither/,
    );
  });

  it('takes other periods from the config and validates them', () => {
    const rules = poolRulesSchema.parse({ returnAfterDays: 14, reminderDaysBefore: 2 });
    expect(poolDecision(lead, day(12), rules).action).toBe('remind_owner');
    expect(poolDecision(lead, day(14), rules).action).toBe('return_to_pool');
    expect(DEFAULT_POOL_RULES).toEqual({ returnAfterDays: 30, reminderDaysBefore: 3 });
    const bad = poolRulesSchema.safeParse({ returnAfterDays: 3, reminderDaysBefore: 3 });
    expect(bad.error?.issues[0]?.path).toEqual(['reminderDaysBefore']);
    expect(bad.error?.issues[0]?.message).toBe(
      'reminderDaysBefore must be below returnAfterDays (defaults: 3 and 30)',
    );
  });

  it('with no warning configured, only returns', () => {
    const rules = poolRulesSchema.parse({ reminderDaysBefore: 0 });
    expect(poolDecision(lead, day(29), rules).action).toBe('none');
    expect(poolDecision(lead, day(30), rules).action).toBe('return_to_pool');
  });
});
