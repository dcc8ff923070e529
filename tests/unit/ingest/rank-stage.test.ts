/**
 * The rank stage: how an understood mail becomes the ranker's input (buyer identity, existing
 * customer from the config or the store, earlier inquiries), that only inquiries are ranked,
 * and the `priority` key that `trademail parse --json` gains.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import {
  type BuyerHistory,
  buyerKeyOf,
  matchAccount,
  NO_HISTORY,
  priorityJson,
  rankStage,
  toRankInput,
} from '../../../src/ingest/stages/rank.ts';
import { DEFAULT_RANKING } from '../../../src/rank/ranking-schema.ts';
import { type Understanding, understand } from '../../../src/understand/understand.ts';
import { type FixtureContext, fixtureContext } from '../../fixtures/mails/context.ts';
import { runCli } from '../../helpers/cli.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/mails');

/** A fixture mail understood with the context its expected JSON declares. */
async function understood(name: string): Promise<Understanding> {
  const spec = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as {
    context?: FixtureContext;
  };
  return understand(
    await parseStage(readFileSync(path.join(FIXTURES, `${name}.eml`))),
    fixtureContext(spec.context),
  );
}

const rank = (u: Understanding, history: BuyerHistory = NO_HISTORY, accounts = []) =>
  rankStage(u, { ranking: DEFAULT_RANKING, accounts, history: () => history });

describe('rank stage', () => {
  it('reads the buyer from the understood mail: domain, identification, country', async () => {
    const u = await understood('inquiry/de-panel-samples-outlook-latin1');
    const input = toRankInput(u, 'inquiry', NO_HISTORY, []);
    expect(input.buyer).toEqual({
      email: 'm.weber@kestrel-lichttechnik.de',
      domainIsFreeMail: false,
      hasWebsite: true,
      signatureCompleteness: 1,
      country: 'DE',
    });
    expect([input.grade, input.sampleRequest, input.customer, input.repeatInquiryCount]).toEqual([
      'A',
      true,
      null,
      0,
    ]);
    const gmail = toRankInput(
      await understood('inquiry/us-highbay-warehouse-gmail'),
      'inquiry',
      NO_HISTORY,
      [],
    );
    expect([gmail.buyer.domainIsFreeMail, gmail.targetPrice, gmail.quantity]).toEqual([true, 28.5, 800]);
  });

  it('ranks only inquiries', async () => {
    expect(rank(await understood('reply/gmail-in-reply-to-pi-request'))).toBeNull();
    expect(rank(await understood('bounce/gmail-address-not-found'))).toBeNull();
    expect(rank(await understood('inquiry/ng-generic-pricelist-yahoo'))?.tier).toBe('P3');
  });

  it('counts earlier inquiries and existing customers from the store', async () => {
    const u = await understood('inquiry/ru-highbay-koi8r');
    const plain = rank(u)!;
    const again = rank(u, { earlierInquiries: 2, customer: null })!;
    expect(again.score - plain.score).toBe(10);
    expect(again.reasons).toContain('Asked before (2 earlier inquiries): +10');
    const customer = rank(u, { earlierInquiries: 0, customer: { tier: 'C' } })!;
    expect(customer.tier).toBe('P1');
    expect(customer.reasons.slice(0, 2)).toEqual([
      'Reorder from an existing customer: +60',
      'Grade B: asks in detail about specific products: +40',
    ]);
    // Users' rule: tier C customers are answered within 2 hours.
    expect(customer.slaHours).toBe(2);
  });

  it('finds a config customer by address, by domain and by a subdomain, never by a free-mail domain alone', () => {
    const accounts = [
      { domain: 'lichtwerk.de', tier: 'A' as const },
      { email: 'tom.buyer@gmail.com', tier: 'C' as const },
    ];
    expect(matchAccount('einkauf@lichtwerk.de', accounts)?.tier).toBe('A');
    expect(matchAccount('a@berlin.lichtwerk.de', accounts)?.tier).toBe('A');
    expect(matchAccount('Tom.Buyer@Gmail.com', accounts)?.tier).toBe('C');
    expect(matchAccount('someone@gmail.com', accounts)).toBeNull();
    expect(matchAccount('x@notlichtwerk.de', accounts)).toBeNull();
    expect(matchAccount(null, accounts)).toBeNull();
  });

  it('keys platform buyers whose address is hidden on the platform id', async () => {
    const u = await understood('platform_inquiry/alibaba-uae-highbay-email-hidden');
    expect(buyerKeyOf(u)).toEqual({ email: null, platform: 'alibaba', platformBuyerId: 'ae1538712946mxbo' });
  });

  it('gives parse --json a priority object: score, tier, SLA hours and reasons', async () => {
    const result = rank(await understood('inquiry/de-panel-samples-outlook-latin1'))!;
    expect(priorityJson(result)).toEqual({
      score: 100,
      tier: 'P1',
      slaHours: 2,
      reasons: [...result.reasons],
    });
    expect(priorityJson(null)).toBeNull();
  });
});

describe('trademail parse --json', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'tm-parse-'));

  it('appends priority as the last key, and null for a message that is not an inquiry', async () => {
    const inquiry = await runCli(
      ['parse', path.join(FIXTURES, 'inquiry/mx-streetlight-spanish.eml'), '--json'],
      { cwd },
    );
    expect(inquiry.code, inquiry.stderr).toBe(0);
    const json = JSON.parse(inquiry.stdout) as Record<string, unknown>;
    expect(Object.keys(json).at(-1)).toBe('priority');
    expect(Object.keys(json).slice(0, -1)).toEqual([
      'kind',
      'lead',
      'inquiry',
      'grade',
      'inReplyTo',
      'autoReply',
      'bounce',
    ]);
    expect(json['priority']).toMatchObject({ tier: 'P1', slaHours: 2 });
    expect((json['priority'] as { reasons: string[] }).reasons[0]).toBe(
      'Grade B: asks in detail about specific products: +40',
    );

    const bounce = await runCli(
      ['parse', path.join(FIXTURES, 'bounce/gmail-address-not-found.eml'), '--json'],
      { cwd },
    );
    expect(JSON.parse(bounce.stdout)).toMatchObject({ kind: 'bounce', priority: null });
  });
});
