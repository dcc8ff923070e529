/**
 * The orchestrator against third-party corpora (../shared/corpora/classification.json, 1,071
 * labelled messages): machine notices (bounces, delays, reports, challenges) must never become
 * inquiries, replies, opt-outs or spam, and ordinary mail must never be called spam or an
 * opt-out. How well bounces and auto-replies are recognised is the bounce/auto-reply suites' job.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageKind } from '../../../src/domain/types.ts';
import { isTrademailError } from '../../../src/errors.ts';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import { understand } from '../../../src/understand/understand.ts';
import { fixtureContext } from '../../fixtures/mails/context.ts';

const corpora = path.resolve(import.meta.dirname, '../../..', '../shared/corpora');
const index = path.join(corpora, 'classification.json');
const exists = existsSync(index);
if (!exists) console.warn(`corpus classification not found at ${index}: skipped`);

interface Item {
  file: string;
  class: string;
}

const MACHINE = new Set([
  'bounce',
  'delay_warning',
  'delivery_success_dsn',
  'feedback_report',
  'challenge_response',
  'bounce_or_report_unverified',
]);
const NEVER_FOR_MACHINE: ReadonlySet<MessageKind> = new Set([
  'inquiry',
  'platform_inquiry',
  'form_inquiry',
  'forwarded_inquiry',
  'reply',
  'unsubscribe',
  'spam',
]);
const NEVER_FOR_NORMAL: ReadonlySet<MessageKind> = new Set(['spam', 'unsubscribe', 'bounce', 'form_inquiry']);

describe.skipIf(!exists)('classify against the labelled corpora', () => {
  it('never turns machine notices into buyer mail, nor ordinary mail into spam', async () => {
    const items = (JSON.parse(readFileSync(index, 'utf8')) as { items: Item[] }).items;
    const wrong: string[] = [];
    let checked = 0;
    for (const item of items) {
      const raw = readFileSync(path.join(corpora, item.file));
      let kind: MessageKind;
      try {
        kind = (await understand(await parseStage(raw), fixtureContext())).kind;
      } catch (err) {
        // Unparseable messages are the parse stage's concern (it quarantines them); anything else fails.
        if (!isTrademailError(err, 'PARSE_FAILED')) throw err;
        continue;
      }
      checked++;
      if (MACHINE.has(item.class) && NEVER_FOR_MACHINE.has(kind))
        wrong.push(`${item.file}: ${item.class} -> ${kind}`);
      if (item.class === 'normal' && NEVER_FOR_NORMAL.has(kind))
        wrong.push(`${item.file}: normal -> ${kind}`);
      if (item.class === 'auto_reply' && kind !== 'auto_reply')
        wrong.push(`${item.file}: auto_reply -> ${kind}`);
    }
    console.log(`corpus classification: ${checked - wrong.length}/${checked} kept their class family`);
    expect(checked).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  }, 120_000);
});
