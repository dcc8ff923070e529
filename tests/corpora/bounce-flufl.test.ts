/**
 * Mailman's flufl.bounce corpus: 101 real bounces (2000-2011) with the permanently failed
 * addresses, and 10 delay warnings with their temporarily failed addresses. Mailman's
 * "permanent" means a final failure notice (its "temporary" are the still-retrying
 * warnings), so a final bounce's recipients form the permanent set whatever their
 * hard/soft class, and a delay report's recipients the temporary set. A case passes when
 * the permanent set matches (and, for delay warnings, the temporary set matches and
 * nothing is reported permanent). Addresses compare lowercased: recipients are lowercased
 * by design. Address-level precision and recall are printed as well.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStage } from '../../src/ingest/stages/parse.ts';
import { readDeliveryReport } from '../../src/understand/bounce/index.ts';
import { floorOf, locateCorpus, percent, printFailures, printRate, readJson } from '../helpers/corpus.ts';

interface Case {
  file: string;
  class: string;
  expect: { permanent_failures: string[]; temporary_failures: string[] };
}

const corpus = locateCorpus('bounce-flufl');

function setOf(values: string[]): string {
  return [...new Set(values.map((v) => v.toLowerCase()))].sort().join(',');
}

describe.skipIf(!corpus.exists)('corpus bounce-flufl', () => {
  it('splits failed addresses into permanent and temporary at or above the floor', {
    timeout: 60_000,
  }, async () => {
    const { cases } = readJson<{ cases: Case[] }>(path.join(corpus.dir, 'expected.json'));
    const failures: string[] = [];
    let truePositives = 0;
    let reported = 0;
    let expected = 0;
    for (const c of cases) {
      const report = readDeliveryReport(await parseStage(readFileSync(path.join(corpus.dir, c.file))));
      const recipients = report?.kind === 'success' ? [] : (report?.recipients ?? []);
      // Mailman matches bounces to list members: the address as originally sent to.
      const addresses = recipients.map((r) => r.originalRecipient ?? r.recipient);
      const permanent = report?.kind === 'bounce' ? addresses : [];
      const temporary = report?.kind === 'delay' ? addresses : [];
      const wantPermanent = setOf(c.expect.permanent_failures);
      const wantTemporary = setOf(c.expect.temporary_failures);
      const delay = c.class === 'delay_warning';
      const ok = setOf(permanent) === wantPermanent && (!delay || setOf(temporary) === wantTemporary);
      if (!ok)
        failures.push(
          `${c.file}: permanent [${permanent}] temporary [${temporary}] want [${wantPermanent}] / [${wantTemporary}]`,
        );
      const want = new Set(
        [...c.expect.permanent_failures, ...(delay ? c.expect.temporary_failures : [])].map((a) =>
          a.toLowerCase(),
        ),
      );
      const got = new Set(delay ? [...permanent, ...temporary] : permanent);
      expected += want.size;
      reported += got.size;
      truePositives += [...got].filter((a) => want.has(a)).length;
    }
    const passed = cases.length - failures.length;
    printRate('bounce-flufl', passed, cases.length);
    console.log(
      `corpus bounce-flufl: address precision ${percent(truePositives, reported).toFixed(1)}%, recall ${percent(truePositives, expected).toFixed(1)}%`,
    );
    printFailures('bounce-flufl', failures);
    expect(percent(passed, cases.length)).toBeGreaterThanOrEqual(floorOf('bounce-flufl', 'cases'));
  });
});
