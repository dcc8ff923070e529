/**
 * Ranking quality on the fixture mails. Each inquiry fixture has the tier a salesperson gives
 * it on reading (tests/fixtures/ranking-labels.json): P1 for sample requests, detailed
 * high-value RFQs and reorders from existing customers; P2 for other specific requests; P3 for
 * generic and D-grade ones. Pairwise order accuracy: of all pairs with different labels, the
 * share where the higher-labelled inquiry scores higher (a tie counts half). Target >= 0.90.
 *
 * Two fixture buyers are existing customers, as a company would list them in its config
 * (customers.accounts): the Taichung agent and the Polish wholesaler. Their inquiries are
 * reorders, and labelled P1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.ts';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import { isInquiryKind, NO_HISTORY, rankStage } from '../../../src/ingest/stages/rank.ts';
import { understand } from '../../../src/understand/understand.ts';
import { type FixtureContext, fixtureContext } from '../../fixtures/mails/context.ts';
import { fixtureMails } from '../../fixtures/mails/list.ts';

const labels = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../fixtures/ranking-labels.json'), 'utf8'),
) as Record<string, 'P1' | 'P2' | 'P3'>;
const ORDER = { P1: 3, P2: 2, P3: 1 } as const;

const config = parseConfig(
  {
    company: { name: 'BrightLux Lighting', domains: ['brightlux-lighting.com'] },
    customers: {
      accounts: [
        { domain: 'mingyao-lighting.com.tw', tier: 'B' },
        { domain: 'swietlik-hurt.pl', tier: 'A' },
      ],
    },
  },
  {},
);

interface Ranked {
  id: string;
  label: 'P1' | 'P2' | 'P3';
  score: number;
  tier: string;
}

async function rankFixtures(): Promise<Ranked[]> {
  const out: Ranked[] = [];
  for (const fixture of fixtureMails().filter((m) => isInquiryKind(m.kind))) {
    const id = fixture.id;
    const spec = JSON.parse(readFileSync(fixture.json, 'utf8')) as { context?: FixtureContext };
    const mail = await parseStage(readFileSync(fixture.eml));
    const u = await understand(mail, fixtureContext(spec.context));
    const result = rankStage(u, {
      ranking: config.ranking,
      accounts: config.customers.accounts,
      history: () => NO_HISTORY,
    });
    const label = labels[id];
    if (label === undefined) throw new Error(`${id} has no label in tests/fixtures/ranking-labels.json`);
    if (result === null) throw new Error(`${id} was not ranked (understood as ${u.kind})`);
    out.push({ id, label, score: result.score, tier: result.tier });
  }
  return out;
}

describe('ranking on the fixture mails', () => {
  it('orders P1 above P2 above P3 for at least 90% of the pairs', async () => {
    const ranked = await rankFixtures();
    expect(Object.keys(labels).sort()).toEqual(ranked.map((r) => r.id).sort());
    let pairs = 0;
    let correct = 0;
    const wrong: string[] = [];
    for (const a of ranked) {
      for (const b of ranked) {
        if (ORDER[a.label] <= ORDER[b.label]) continue;
        pairs++;
        if (a.score > b.score) correct++;
        else if (a.score === b.score) correct += 0.5;
        if (a.score <= b.score)
          wrong.push(`${a.id} (${a.label} ${a.score}) <= ${b.id} (${b.label} ${b.score})`);
      }
    }
    const accuracy = correct / pairs;
    const sameTier = ranked.filter((r) => r.tier === r.label).length;
    console.log(
      `ranking: pairwise order accuracy ${(accuracy * 100).toFixed(1)}% over ${pairs} pairs of ${ranked.length} inquiries; ` +
        `tier agrees with the label for ${sameTier}/${ranked.length}\n${wrong.map((w) => `  out of order: ${w}`).join('\n')}`,
    );
    expect(ranked.length).toBeGreaterThanOrEqual(30);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
