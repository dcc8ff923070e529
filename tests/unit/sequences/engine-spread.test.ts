/** Claim-order spreading: shuffled within a priority, never across priorities. */
import { describe, expect, it } from 'vitest';
import { spreadWithinPriority } from '../../../src/sequences/engine/spread.ts';
import { seededRng } from '../../sequences/fixtures.ts';

describe('spreadWithinPriority', () => {
  const rows = [
    ...Array.from({ length: 20 }, (_, i) => ({ id: i, priority: 5 })),
    ...Array.from({ length: 20 }, (_, i) => ({ id: 100 + i, priority: 1 })),
  ];

  it('keeps every row and the order between priorities', () => {
    const out = spreadWithinPriority(rows, (r) => r.priority, seededRng(3));
    expect(out.map((r) => r.id).sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
    expect(out.slice(0, 20).every((r) => r.priority === 5)).toBe(true);
    expect(out.slice(20).every((r) => r.priority === 1)).toBe(true);
  });

  it('gives two processes different claim orders', () => {
    const a = spreadWithinPriority(rows, (r) => r.priority, seededRng(1)).map((r) => r.id);
    const b = spreadWithinPriority(rows, (r) => r.priority, seededRng(2)).map((r) => r.id);
    expect(a).not.toEqual(b);
    expect(a[0]).not.toBe(b[0]);
  });
});
