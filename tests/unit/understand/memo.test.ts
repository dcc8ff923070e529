import { describe, expect, it } from 'vitest';
import { memo } from '../../../src/understand/memo.ts';

describe('memo', () => {
  it('computes on first use only, and once', () => {
    let runs = 0;
    const value = memo(() => ++runs);
    expect(runs).toBe(0);
    expect(value()).toBe(1);
    expect(value()).toBe(1);
    expect(runs).toBe(1);
  });

  it('keeps a false, null or undefined answer instead of computing it again', () => {
    for (const answer of [false, null, undefined]) {
      let runs = 0;
      const value = memo(() => {
        runs++;
        return answer;
      });
      value();
      value();
      expect(runs).toBe(1);
    }
  });
});
