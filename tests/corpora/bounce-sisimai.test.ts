/**
 * Sisimai's set-of-emails: 592 labelled bounces, feedback reports, auto-replies and
 * success DSNs. A bounce passes when the failed recipients (where the corpus asserts
 * them) and the permanent/transient class of each (status class digit 5 vs 4) match; any
 * other class passes when it is not reported as a bounce. The CRLF (dos) and CR (mac)
 * twins are scored again against their bsd twin's expectation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrademailError } from '../../src/errors.ts';
import { parseStage } from '../../src/ingest/stages/parse.ts';
import { type DeliveryReport, readDeliveryReport } from '../../src/understand/bounce/index.ts';
import { floorOf, locateCorpus, percent, printFailures, printRate, readJson } from '../helpers/corpus.ts';

interface Expect {
  deliveryStatus: string;
  reason: string;
  recipient?: string | null;
}
interface Case {
  file: string;
  class: string;
  expect: Expect[];
  recipient_checked: boolean;
}
interface Expected {
  cases: Case[];
  line_ending_variants: Record<string, string | null>;
}

const corpus = locateCorpus('bounce-sisimai');

function sorted(values: string[]): string {
  return [...values].sort().join(',');
}

/** Null when the case passes, else a one-line reason. */
function judge(c: Case, report: DeliveryReport | null): string | null {
  const isBounce = report?.kind === 'bounce';
  if (c.class !== 'bounce') return isBounce ? `${c.class} reported as bounce` : null;
  // Sisimai reports delay notices as soft bounces (status 4.x.x); here they are delay
  // reports (RFC 3464 Action: delayed), which pass when recipients and class agree.
  const transient = c.expect.every((e) => e.deliveryStatus.startsWith('4'));
  const accepted = isBounce || (transient && report?.kind === 'delay');
  if (!accepted || !report) return `bounce not detected (${report?.kind ?? 'null'})`;
  const got = report.recipients;
  if (c.recipient_checked) {
    const want = c.expect.map((e) => (e.recipient ?? '').toLowerCase());
    if (sorted(want) !== sorted(got.map((r) => r.recipient))) {
      return `recipients want [${want}] got [${got.map((r) => r.recipient)}]`;
    }
    for (const e of c.expect) {
      const r = got.find((g) => g.recipient === (e.recipient ?? '').toLowerCase());
      if (r && r.permanent !== e.deliveryStatus.startsWith('5')) {
        return `${r.recipient} permanent=${r.permanent} want status ${e.deliveryStatus} (${e.reason}) got ${r.status}`;
      }
    }
    return null;
  }
  const wantPermanent = c.expect[0]?.deliveryStatus.startsWith('5') ?? true;
  if (got.length > 0 && got[0]!.permanent !== wantPermanent) {
    return `permanent=${got[0]!.permanent} want ${c.expect[0]?.deliveryStatus}`;
  }
  return null;
}

async function score(
  files: Array<{ file: string; expected: Case }>,
): Promise<{ passed: number; failures: string[] }> {
  const failures: string[] = [];
  for (const { file, expected } of files) {
    const mail = await parseStage(readFileSync(path.join(corpus.dir, file))).catch((err: unknown) => {
      // A file the parse stage rejects is a failed case, not a crashed suite.
      if (isTrademailError(err, 'PARSE_FAILED')) return err;
      throw err;
    });
    const verdict =
      mail instanceof Error ? `parse failed: ${mail.message}` : judge(expected, readDeliveryReport(mail));
    if (verdict) failures.push(`${file}: ${verdict}`);
  }
  return { passed: files.length - failures.length, failures };
}

describe.skipIf(!corpus.exists)('corpus bounce-sisimai', () => {
  it('finds failed recipients and hard/soft class at or above the committed floor', {
    timeout: 60_000,
  }, async () => {
    const data = readJson<Expected>(path.join(corpus.dir, 'expected.json'));
    const { passed, failures } = await score(data.cases.map((c) => ({ file: c.file, expected: c })));
    printRate('bounce-sisimai', passed, data.cases.length);
    printFailures('bounce-sisimai', failures);
    expect(percent(passed, data.cases.length)).toBeGreaterThanOrEqual(floorOf('bounce-sisimai', 'cases'));
  });

  for (const [folder, label] of [
    ['dos', 'crlfTwins'],
    ['mac', 'crTwins'],
  ] as const) {
    it(`reads the ${folder} line-ending twins like their originals`, { timeout: 60_000 }, async () => {
      const data = readJson<Expected>(path.join(corpus.dir, 'expected.json'));
      const byFile = new Map(data.cases.map((c) => [c.file, c]));
      const twins = Object.entries(data.line_ending_variants).flatMap(([file, twin]) => {
        const expected = twin ? byFile.get(twin) : undefined;
        return expected && file.startsWith(`maildir/${folder}/`) ? [{ file, expected }] : [];
      });
      const { passed, failures } = await score(twins);
      printRate(`bounce-sisimai (${folder} twins)`, passed, twins.length);
      printFailures(`bounce-sisimai ${folder} twins`, failures);
      expect(percent(passed, twins.length)).toBeGreaterThanOrEqual(floorOf('bounce-sisimai', label));
    });
  }
});
