import { describe, expect, it } from 'vitest';
import { extractBuyer, extractInquiry, gradeInquiry } from '../../../src/understand/extract/index.ts';
import { CATALOGUE, fiveKbMail } from '../../fixtures/understand/five-kb-mail.ts';

describe('extraction on long and hostile input', () => {
  it('extracts and grades a 5 KB mail with quoted history (its speed is measured in bench/understand-extract.ts)', () => {
    const body = fiveKbMail();
    expect(body.length).toBeGreaterThanOrEqual(5000);
    const run = () => {
      const fields = extractInquiry(body, 'Inquiry: LED panel lights for Kenya', CATALOGUE);
      const buyer = extractBuyer({
        email: 'james@nairobilighting.co.ke',
        displayName: 'James Mwangi',
        body,
        signature: null,
      });
      return { fields, buyer, grade: gradeInquiry(fields) };
    };
    const first = run();
    expect(first.grade).toBe('A');
    expect(first.fields.quantity).toBe(2);
    expect(first.buyer.country).toBe('KE');
  });

  // Inputs that once made a pattern backtrack quadratically (17 s on 80 KB). A guard against
  // catastrophic backtracking, not a speed target: the bound is far above a linear run's cost.
  const PATHOLOGICAL: [string, string][] = [
    ['capitalised words', 'Abc '.repeat(20000)],
    ['repeated Incoterm', 'FOB '.repeat(20000)],
    ['glued tokens', '2x'.repeat(30000)],
    ['digit runs', '1 '.repeat(30000)],
  ];
  it.each(PATHOLOGICAL)('stays linear on %s', (_name, text) => {
    const cpuStart = process.cpuUsage();
    extractInquiry(text, text.slice(0, 100), CATALOGUE);
    extractBuyer({ email: null, displayName: text.slice(0, 60), body: text, signature: null });
    const cpu = process.cpuUsage(cpuStart);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(5000);
  });
});
