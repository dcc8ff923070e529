import { describe, expect, it } from 'vitest';
import { orderDueSteps, takeWithinCap, throttleDecision } from '../../../src/sequences/timing/index.ts';

const now = new Date('2025-06-11T10:00:00Z'); // 18:00 in Shanghai
const base = {
  now,
  sentToday: 10,
  dailyCap: 50,
  lastSentAt: new Date('2025-06-11T09:50:00Z'),
  minGapMs: 120_000,
};

describe('throttleDecision', () => {
  it('allows a send under the cap once the gap has passed', () => {
    expect(throttleDecision(base)).toEqual({ allowed: true, notBefore: now, reason: 'ok' });
    expect(throttleDecision({ ...base, lastSentAt: null })).toEqual({
      allowed: true,
      notBefore: now,
      reason: 'ok',
    });
  });

  it('waits for the minimum gap after the last send', () => {
    const d = throttleDecision({ ...base, lastSentAt: new Date('2025-06-11T09:59:30Z') });
    expect(d).toEqual({ allowed: false, notBefore: new Date('2025-06-11T10:01:30Z'), reason: 'min_gap' });
  });

  it("defers to the mailbox's next local midnight when the daily cap is reached", () => {
    const d = throttleDecision({ ...base, sentToday: 50, timeZone: 'Asia/Shanghai' });
    expect(d).toEqual({ allowed: false, notBefore: new Date('2025-06-11T16:00:00Z'), reason: 'daily_cap' });
    const utc = throttleDecision({ ...base, sentToday: 51 });
    expect(utc.notBefore).toEqual(new Date('2025-06-12T00:00:00Z'));
  });

  it('keeps the gap even across the midnight reset', () => {
    const d = throttleDecision({
      ...base,
      now: new Date('2025-06-11T15:59:00Z'),
      sentToday: 50,
      lastSentAt: new Date('2025-06-11T15:58:00Z'),
      minGapMs: 10 * 60_000,
      timeZone: 'Asia/Shanghai',
    });
    expect(d.notBefore).toEqual(new Date('2025-06-11T16:08:00Z'));
  });

  it('treats a cap of zero as a paused mailbox', () => {
    expect(throttleDecision({ ...base, sentToday: 0, dailyCap: 0 }).allowed).toBe(false);
  });

  it('refuses negative limits', () => {
    expect(() => throttleDecision({ ...base, minGapMs: -1 })).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
  });
});

describe('ordering due steps', () => {
  const at = (iso: string) => new Date(`2025-06-11T${iso}:00Z`);
  const steps = [
    { key: 'e1', priority: 1, dueAt: at('08:00') },
    { key: 'e2', priority: 3, dueAt: at('09:00') },
    { key: 'e3', priority: 3, dueAt: at('07:00') },
    { key: 'e4', priority: 2, dueAt: at('06:00') },
    { key: 'e0', priority: 3, dueAt: at('07:00') },
  ];

  it('sends higher priority first, then the longest waiting, then by key', () => {
    expect(orderDueSteps(steps).map((s) => s.key)).toEqual(['e0', 'e3', 'e2', 'e4', 'e1']);
    expect(steps.map((s) => s.key)).toEqual(['e1', 'e2', 'e3', 'e4', 'e0']);
  });

  it('fills the remaining daily capacity with the most important steps', () => {
    const { send, deferred } = takeWithinCap(steps, 2);
    expect(send.map((s) => s.key)).toEqual(['e0', 'e3']);
    expect(deferred.map((s) => s.key)).toEqual(['e2', 'e4', 'e1']);
    expect(takeWithinCap(steps, 0).send).toEqual([]);
    expect(takeWithinCap(steps, -3).deferred).toHaveLength(5);
  });
});
