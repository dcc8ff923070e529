/**
 * The fixture mails of tests/fixtures/mails as one batch for the understand pool, with the
 * look-ups and mailbox roles their .json files declare, plus two messages that cannot be parsed.
 */
import { readFileSync } from 'node:fs';
import type { LookupData } from '../../../src/ingest/context.ts';
import type {
  StaticUnderstandContext,
  UnderstandItem,
} from '../../../src/ingest/workers/understand-batch.ts';
import { normaliseSubject } from '../../../src/understand/reply-match.ts';
import { type FixtureContext, fixtureContext } from '../../fixtures/mails/context.ts';
import { fixtureMails } from '../../fixtures/mails/list.ts';

const { isOurMessageId: _ours, findSentThread: _sent, ...base } = fixtureContext();
export const poolContext: StaticUnderstandContext = base;

export interface FixtureBatch {
  ids: string[];
  context: StaticUnderstandContext;
  lookups: LookupData;
  items: UnderstandItem[];
}

export function fixtureBatch(): FixtureBatch {
  const batch: FixtureBatch = {
    ids: [],
    context: { ...poolContext, blacklist: [], ourAddresses: [] },
    lookups: { ourMessageIds: [], sentThreads: [] },
    items: [],
  };
  const now = (i: number) => new Date(Date.UTC(2026, 2, 1, 9, 0, i));
  for (const mail of fixtureMails()) {
    const extra = (JSON.parse(readFileSync(mail.json, 'utf8')) as { context?: FixtureContext }).context;
    // One batch shares its context and look-ups: the union of what the fixtures declare.
    batch.context.blacklist.push(...(extra?.blacklist ?? []));
    batch.context.ourAddresses.push(...(extra?.ourAddresses ?? []));
    batch.lookups.ourMessageIds.push(...(extra?.ourMessageIds ?? []));
    for (const t of extra?.sentThreads ?? []) {
      batch.lookups.sentThreads.push([`${t.buyerEmail}\n${normaliseSubject(t.subject)}`, t.messageId]);
    }
    batch.ids.push(mail.id);
    batch.items.push({
      raw: readFileSync(mail.eml),
      role: extra?.mailboxRole ?? 'inquiries',
      now: now(batch.items.length),
    });
  }
  for (const [id, raw] of [
    ['broken/empty', ''],
    ['broken/no-headers', '\u0000\u0001\u0002 not a mail at all'],
  ] as const) {
    batch.ids.push(id);
    batch.items.push({ raw: Buffer.from(raw), role: 'inquiries', now: now(batch.items.length) });
  }
  return batch;
}
