/**
 * Mail::DeliveryStatus::BounceParser's corpus: 127 messages, bounces mixed with vacation
 * replies, challenge-response requests and a delay warning. A case passes when the
 * bounce/not-bounce verdict matches and, where the corpus lists them, the failed
 * addresses match in order (upstream prefers Original-Recipient, as detectBounce does).
 * `reports: 0` (upstream extracts no address) is not asserted: it records the upstream
 * parser's limit, not a requirement that the address be missed. Upstream TODO cases
 * and the whitelist trap (a genuine 5.0.0 DSN that upstream counts as a challenge) are
 * reported on their own lines, not in the headline rate.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStage } from '../../src/ingest/stages/parse.ts';
import { type DeliveryReport, readDeliveryReport } from '../../src/understand/bounce/index.ts';
import { floorOf, locateCorpus, percent, printFailures, printRate, readJson } from '../helpers/corpus.ts';

interface Case {
  file: string;
  class: string;
  expect: {
    is_bounce?: boolean;
    addresses?: string[];
    addresses_min?: number;
    std_reason?: string;
    todo?: string;
  };
}

const corpus = locateCorpus('bounce-bounceparser');
const WHITELIST_TRAP = 'corpus/whitelist.msg';
const HARD_REASONS = new Set(['user_unknown', 'user_disabled', 'domain_error']);

function judge(c: Case, report: DeliveryReport | null): string | null {
  const isBounce = report?.kind === 'bounce';
  const wantBounce = c.expect.is_bounce ?? c.class === 'bounce';
  if (isBounce !== wantBounce) return `is_bounce ${isBounce} (${report?.kind ?? 'null'}) want ${wantBounce}`;
  const got = (report?.recipients ?? []).map((r) => r.originalRecipient ?? r.recipient);
  if (c.expect.addresses && got.join(',') !== c.expect.addresses.join(',')) {
    return `addresses [${got}] want [${c.expect.addresses}]`;
  }
  if (c.expect.addresses_min !== undefined && got.length < c.expect.addresses_min) {
    return `${got.length} addresses, want at least ${c.expect.addresses_min}`;
  }
  return null;
}

describe.skipIf(!corpus.exists)('corpus bounce-bounceparser', () => {
  it('tells bounces from other automated mail and finds the addresses', { timeout: 60_000 }, async () => {
    const { cases } = readJson<{ cases: Case[] }>(path.join(corpus.dir, 'expected.json'));
    const failures: string[] = [];
    const aside: string[] = [];
    let scored = 0;
    let hardAgree = 0;
    let hardTotal = 0;
    for (const c of cases) {
      const report = readDeliveryReport(await parseStage(readFileSync(path.join(corpus.dir, c.file))));
      const verdict = judge(c, report);
      if (c.file === WHITELIST_TRAP || c.expect.todo) {
        aside.push(
          `${c.file} (${c.file === WHITELIST_TRAP ? 'whitelist trap' : 'upstream TODO'}): ${verdict ?? 'pass'}`,
        );
        continue;
      }
      scored += 1;
      if (verdict) failures.push(`${c.file}: ${verdict}`);
      const first = report?.kind === 'bounce' ? report.recipients[0] : undefined;
      if (first && c.expect.std_reason && HARD_REASONS.has(c.expect.std_reason)) {
        hardTotal += 1;
        if (first.permanent) hardAgree += 1;
      }
    }
    const passed = scored - failures.length;
    printRate('bounce-bounceparser', passed, scored);
    console.log(
      `corpus bounce-bounceparser: hard class on user_unknown/user_disabled/domain_error ${hardAgree}/${hardTotal}`,
    );
    console.log(`corpus bounce-bounceparser: scored apart\n  ${aside.join('\n  ')}`);
    printFailures('bounce-bounceparser', failures);
    expect(percent(passed, scored)).toBeGreaterThanOrEqual(floorOf('bounce-bounceparser', 'cases'));
  });
});
