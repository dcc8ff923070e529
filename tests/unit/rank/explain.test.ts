import { describe, expect, it } from 'vitest';
import { explainLine } from '../../../src/rank/explain.ts';
import { rankInquiry } from '../../../src/rank/priority.ts';
import { DESCRIBED } from './inquiries.ts';

describe('explainLine', () => {
  const result = rankInquiry(DESCRIBED[0]!.input);

  it('renders tier, score, SLA and the top reasons on one line', () => {
    const line = explainLine(result);
    expect(line).not.toContain('\n');
    expect(line.startsWith(`P1 ${result.score} (2 h) · Asked for samples (grade A): +75 · `)).toBe(true);
    expect(line.endsWith(` · +${result.reasons.length - 3} more`)).toBe(true);
    expect(line.split(' · ')).toHaveLength(5);
  });

  it('shows every reason when asked and truncates to a width with an ellipsis', () => {
    expect(explainLine(result, { maxReasons: 99 }).split(' · ')).toHaveLength(result.reasons.length + 1);
    const short = explainLine(result, { maxLength: 40 });
    expect(short.length).toBeLessThanOrEqual(40);
    expect(short.length).toBeGreaterThan(35);
    expect(short.endsWith('…')).toBe(true);
  });

  it('flattens line breaks inside a reason', () => {
    const line = explainLine({
      tier: 'P3',
      score: 5,
      slaHours: 24,
      reasons: ['Names specific products (a\nb): +4'],
    });
    expect(line).toBe('P3 5 (24 h) · Names specific products (a b): +4');
  });
});
