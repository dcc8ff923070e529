/**
 * The cross-corpus classification set (classification.json): 1,071 complete messages
 * labelled bounce, auto_reply, or one of the other automated/normal classes. Here the
 * classes are bounce / auto_reply / other (delay warnings, challenge-response requests,
 * feedback reports, success DSNs and normal mail are neither). The prediction is
 * detectBounce first, then detectAutoReply. Unverified sisimai files (no per-file label)
 * are not scored; the whitelist trap (a genuine DSN that upstream counts as a challenge)
 * is printed apart. Sisimai counts delay notices as soft bounces and the labels follow it;
 * here delays are not bounces, so those cases count as misses and are tallied on their
 * own line. The header-only verdict (headerLevelKind) is scored too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrademailError } from '../../src/errors.ts';
import type { ParsedMail } from '../../src/ingest/mail.ts';
import { parseStage } from '../../src/ingest/stages/parse.ts';
import { detectAutoReply, headerLevelKind } from '../../src/understand/autoreply/index.ts';
import { detectBounce, readDeliveryReport } from '../../src/understand/bounce/index.ts';
import {
  CORPORA_ROOT,
  floorOf,
  locateCorpus,
  percent,
  printFailures,
  printRate,
  readJson,
} from '../helpers/corpus.ts';

type Kind = 'bounce' | 'auto_reply' | 'other';
interface Item {
  file: string;
  class: string;
}

const corpus = locateCorpus('.');
const labels = path.join(CORPORA_ROOT, 'classification.json');
const UNSCORED = new Set(['bounce_or_report_unverified']);
const WHITELIST_TRAP = 'bounce-bounceparser/corpus/whitelist.msg';
const KINDS: Kind[] = ['bounce', 'auto_reply', 'other'];

/** The parse stage rejects some bytes (no header at all); the pipeline never classifies those. */
async function parseOrNull(file: string): Promise<ParsedMail | null> {
  try {
    return await parseStage(readFileSync(file));
  } catch (err) {
    if (isTrademailError(err, 'PARSE_FAILED')) return null;
    throw err;
  }
}

function kindOf(label: string): Kind {
  return label === 'bounce' || label === 'auto_reply' ? label : 'other';
}

function rateLine(kind: Kind, rows: Array<{ want: Kind; got: Kind }>): string {
  const tp = rows.filter((r) => r.want === kind && r.got === kind).length;
  const predicted = rows.filter((r) => r.got === kind).length;
  const actual = rows.filter((r) => r.want === kind).length;
  return `${kind}: precision ${percent(tp, predicted).toFixed(1)}% (${tp}/${predicted}), recall ${percent(tp, actual).toFixed(1)}% (${tp}/${actual})`;
}

describe.skipIf(!corpus.exists)('corpus classification', () => {
  it('separates bounces, auto-replies and everything else at or above the floor', {
    timeout: 60_000,
  }, async () => {
    const { items } = readJson<{ items: Item[] }>(labels);
    const rows: Array<{ want: Kind; got: Kind; header: Kind }> = [];
    const failures: string[] = [];
    const aside: string[] = [];
    let delayLabelledBounce = 0;
    const unparsed: string[] = [];
    for (const item of items) {
      if (UNSCORED.has(item.class)) continue;
      const mail = await parseOrNull(path.join(CORPORA_ROOT, item.file));
      if (!mail) unparsed.push(item.file);
      const got: Kind = !mail
        ? 'other'
        : detectBounce(mail)
          ? 'bounce'
          : detectAutoReply(mail)
            ? 'auto_reply'
            : 'other';
      const header: Kind = (mail && headerLevelKind(mail)) ?? 'other';
      const want = kindOf(item.class);
      if (item.file === WHITELIST_TRAP) {
        aside.push(`${item.file} (whitelist trap, labelled ${item.class}): ${got}`);
        continue;
      }
      rows.push({ want, got, header });
      if (got !== want) failures.push(`${item.file}: ${got}, labelled ${item.class}`);
      if (mail && want === 'bounce' && got === 'other' && readDeliveryReport(mail)?.kind === 'delay') {
        delayLabelledBounce += 1;
      }
    }
    const correct = rows.filter((r) => r.want === r.got).length;
    const headerCorrect = rows.filter((r) => r.want === r.header).length;
    printRate('classification', correct, rows.length);
    for (const kind of KINDS) console.log(`corpus classification ${rateLine(kind, rows)}`);
    printRate('classification (headerLevelKind)', headerCorrect, rows.length);
    console.log(
      `corpus classification: ${delayLabelledBounce} of the misses are labelled bounce but read as delay warnings (RFC 3464 Action: delayed or "will retry" wording)`,
    );
    console.log(`corpus classification: scored apart\n  ${aside.join('\n  ')}`);
    console.log(
      `corpus classification: rejected by the parse stage (scored as other): ${unparsed.join(', ') || 'none'}`,
    );
    printFailures('classification', failures);
    expect(percent(correct, rows.length)).toBeGreaterThanOrEqual(floorOf('classification', 'accuracy'));
    expect(percent(headerCorrect, rows.length)).toBeGreaterThanOrEqual(
      floorOf('classification', 'headerLevelAccuracy'),
    );
  });
});
