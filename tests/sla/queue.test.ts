/**
 * `trademail queue`: open inquiries from real fixture mails (arrival dates set per case),
 * ordered by deadline then score, with the working time left in each owner's hours; the text a
 * salesperson reads, the JSON, and the filters through the real command line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { loadQueue, parseTier } from '../../src/sla/queue.ts';
import { formatQueue } from '../../src/sla/queue-format.ts';
import type { Store } from '../../src/store/client.ts';
import { LED_CATALOGUE } from '../fixtures/mails/context.ts';
import { runCli } from '../helpers/cli.ts';
import { writeTestConfig } from '../helpers/config.ts';
import { sqliteDatabase, testDatabases } from '../helpers/db.ts';
import { BOB, cn, ingest, LILY, NINA, slaConfig, slaConfigDocument } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/mails');

/** A fixture mail, byte for byte, with its Date header replaced by `at`. */
function fixture(name: string, at: Date): Buffer {
  const raw = readFileSync(path.join(FIXTURES, `${name}.eml`), 'latin1');
  return Buffer.from(
    raw.replace(/^Date:.*$/m, `Date: ${at.toUTCString().replace('GMT', '+0000')}`),
    'latin1',
  );
}

const ARRIVALS: [string, string][] = [
  ['inquiry/de-panel-samples-outlook-latin1', '2026-03-09 16:40'],
  ['inquiry/fr-floodlight-utf8-label', '2026-03-09 17:00'],
  ['inquiry/ng-generic-pricelist-yahoo', '2026-03-09 09:00'],
  ['inquiry/us-highbay-warehouse-gmail', '2026-03-10 01:00'],
  ['inquiry/mx-streetlight-spanish', '2026-03-10 03:00'],
  ['platform_inquiry/alibaba-uae-highbay-email-hidden', '2026-03-10 09:10'],
];

/** The six fixture inquiries, processed at their arrivals, with Lily, Nina and Bob assigned by region. */
async function seed(store: Store, url: string): Promise<{ config: Config; configFile: string }> {
  const doc = slaConfigDocument(url, {
    catalogue: LED_CATALOGUE,
    assignment: {
      teams: { asia: [LILY, NINA] },
      rules: [
        { name: 'americas', when: { regions: ['AMERICAS'] }, assignTo: { user: BOB } },
        { name: 'europe', when: { regions: ['EUROPE'] }, assignTo: { user: NINA } },
        { name: 'middle-east', when: { regions: ['MIDDLE_EAST'] }, assignTo: { user: LILY } },
      ],
      fallback: { team: 'asia' },
    },
  });
  const config = slaConfig(url, doc);
  for (const [name, at] of ARRIVALS) await ingest(store.db, config, [fixture(name, cn(at))], cn(at));
  return { config, configFile: writeTestConfig(doc) };
}

for (const make of testDatabases()) {
  const database = make();
  describe(`the queue on ${database.name}`, () => {
    let store: Store;
    let config: Config;
    const now = cn('2026-03-10 10:30');

    beforeAll(async () => {
      store = await database.open();
      ({ config } = await seed(store, database.url));
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });

    it('lists the most urgent first, with the working time left in each owner’s hours', async () => {
      const entries = await loadQueue(store.db, config, now);
      const text = formatQueue(entries, { now, timeZone: 'Asia/Shanghai' });
      console.log(`queue example:\n${text}`);
      const lines = text.split('\n');
      expect(lines[0]).toBe('Open inquiries: 6, 2 overdue · Tue 10 Mar 2026 10:30 Asia/Shanghai');
      // First lines of each block, in order. Nina (Berlin, 09:00-12:00, 13:30-18:00) had 2 h for
      // the German sample request from 09:40 Berlin: due 11:40 Berlin (18:40 here), 4 h 50 min
      // of her working time ago. Bob's night shift (20:00-04:00) had the US request from 01:00
      // to 03:00: 1 h of his shift has passed since. The Mexican request came at 03:00: 1 h
      // before 04:00, 1 h from 20:00 tonight. The Nigerian price-list request (P3, 24 h) is
      // Lily's: 8 h Monday, 1.5 h this morning, 14.5 h left until Wednesday 20:00. The French
      // request (P2) reached Nina at 10:00 Berlin on Monday: 6.5 h used, 17.5 h left. The
      // Alibaba one reached Lily at 09:10 today: 1 h 20 min used of 24 h.
      expect(lines.filter((l) => /^\d\. /.test(l))).toEqual([
        '1. OVERDUE 4 h 50 min · due Mon 9 Mar 18:40 · Nina Weber',
        '2. OVERDUE 1 h 00 min · due Tue 10 Mar 03:00 · Bob Zhang',
        '3. 1 h 00 min left · due Tue 10 Mar 21:00 · Bob Zhang',
        '4. 14 h 30 min left · due Wed 11 Mar 20:00 · Lily Chen',
        '5. 17 h 30 min left · due Thu 12 Mar 18:30 · Nina Weber',
        '6. 22 h 40 min left · due Fri 13 Mar 09:10 · Lily Chen',
      ]);
      expect(lines.slice(2, 7)).toEqual([
        '',
        '1. OVERDUE 4 h 50 min · due Mon 9 Mar 18:40 · Nina Weber',
        '   Markus Weber, Kestrel Lichttechnik GmbH (DE) <m.weber@kestrel-lichttechnik.de>',
        '   LED panel light · grade A · "Anfrage LED-Panel 600x600 / Muster"',
        '   P1 100 (2 h) · Asked for samples (grade A): +75 · Specific inquiry (detail 100%): +12 · Sizeable quantity (2,000 pcs): +5 · +5 more',
      ]);
      expect(text).toContain(
        'Ahmed Al Mansoori, Al Mansoori Electromechanical Works LLC (AE) via alibaba, address hidden',
      );
      expect(entries.map((e) => e.tier)).toEqual(['P1', 'P1', 'P1', 'P3', 'P2', 'P2']);
    });

    it('refuses a tier that does not exist', () => {
      expect(() => parseTier('P4')).toThrow('--tier must be one of P1, P2, P3, got P4');
      expect(parseTier('p2')).toBe('P2');
    });
  });
}

describe('the queue command', () => {
  const database = sqliteDatabase();
  let store: Store;
  let configFile: string;

  beforeAll(async () => {
    store = await database.open();
    ({ configFile } = await seed(store, database.url));
  });
  afterAll(async () => {
    await store?.close();
    await database.drop();
  });

  it('prints JSON and filters through the command line', async () => {
    const all = await runCli(['--config', configFile, 'queue', '--json']);
    expect(all.code, all.stderr).toBe(0);
    const json = JSON.parse(all.stdout) as {
      inquiries: { tier: string; owner: { email: string }; deadlineAt: string }[];
    };
    expect(json.inquiries.map((i) => [i.tier, i.owner.email])).toEqual([
      ['P1', NINA],
      ['P1', BOB],
      ['P1', BOB],
      ['P3', LILY],
      ['P2', NINA],
      ['P2', LILY],
    ]);
    // The command runs on the real clock, long after these March 2026 deadlines.
    const filtered = await runCli([
      '--config',
      configFile,
      'queue',
      '--overdue',
      '--tier',
      'p1',
      '--owner',
      BOB.toUpperCase(),
    ]);
    expect(filtered.code, filtered.stderr).toBe(0);
    const lines = filtered.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Open inquiries \(owner bob@brightlux-lighting\.com, tier P1, overdue only\): 2, 2 overdue · /,
    );
    expect(lines.filter((l) => /^\d\. OVERDUE .* · Bob Zhang$/.test(l))).toHaveLength(2);
  });
});
