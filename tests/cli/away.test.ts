/**
 * `trademail away`: time away recorded without editing the config, read by the same look-up
 * the assignment uses, listed beside the config's own `away` entries, and removable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { absencesAt, isAway } from '../../src/sla/absences.ts';
import { runCli } from '../helpers/cli.ts';
import { testConfigDocument, writeTestConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';

const NINA = 'nina@brightlux-lighting.com';
const LILY = 'lily@brightlux-lighting.com';

describe.each(testDatabases())('trademail away (%o)', (make) => {
  const database = make();
  const doc = testConfigDocument(null, [], database.url, {
    salespeople: [
      { email: NINA, name: 'Nina Weber', timeZone: 'Europe/Berlin' },
      {
        email: LILY,
        name: 'Lily Chen',
        timeZone: 'Asia/Shanghai',
        away: [{ from: '2099-01-01', to: '2099-01-05', delegate: NINA }],
      },
    ],
  });
  let configFile: string;
  const away = (...args: string[]) => runCli(['--config', configFile, 'away', ...args]);
  beforeAll(() => {
    configFile = writeTestConfig(doc);
  });
  afterAll(() => database.drop());

  it('records time away in the person’s time zone, where the assignment finds it', async () => {
    const added = await away('add', '--user', NINA, '--from', '2099-03-02', '--to', '2099-03-06');
    expect(added.stderr).toBe('');
    expect(added.stdout.trim()).toBe(
      `absence 1: ${NINA} away from 2099-03-02 to 2099-03-06 (Europe/Berlin); their inquiries go to colleagues meanwhile`,
    );
    const store = await database.open();
    try {
      const absences = await absencesAt(store.db, parseConfig(doc, {}), new Date('2099-02-01T00:00:00Z'));
      // Berlin is at UTC+1 in March 2099: the first day starts at 23:00 UTC the day before,
      // and the last day ends at midnight after it.
      expect(isAway(absences, NINA, new Date('2099-03-01T22:59:00Z'))).toBeNull();
      expect(isAway(absences, NINA, new Date('2099-03-01T23:00:00Z'))).not.toBeNull();
      expect(isAway(absences, NINA, new Date('2099-03-06T22:59:00Z'))).not.toBeNull();
      expect(isAway(absences, NINA, new Date('2099-03-06T23:00:00Z'))).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('lists stored absences by number beside the config’s, with its delegate', async () => {
    const list = JSON.parse((await away('list', '--json')).stdout);
    expect(list.stored).toEqual([
      { id: 1, email: NINA, from: '2099-03-01T23:00:00.000Z', to: '2099-03-06T23:00:00.000Z' },
    ]);
    expect(list.config).toEqual([
      { email: LILY, from: '2098-12-31T16:00:00.000Z', to: '2099-01-05T16:00:00.000Z', delegate: NINA },
    ]);
    expect((await away('list')).stdout).toContain(`#1 ${NINA}: 2099-03-01 23:00 to 2099-03-06 23:00 UTC`);
  });

  it('refuses bad input with the option and the fix', async () => {
    const backwards = await away('add', '--user', NINA, '--from', '2099-03-10', '--to', '2099-03-01');
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('--to: from must not be after to');
    const noDate = await away('add', '--user', NINA, '--from', '2099-02-30', '--to', '2099-03-01');
    expect(noDate.stderr).toContain("--from: '2099-02-30' is not a date (YYYY-MM-DD)");
    const stranger = await away(
      'add',
      '--user',
      'who@example.com',
      '--from',
      '2099-03-01',
      '--to',
      '2099-03-02',
    );
    expect(stranger.stderr).toContain('who@example.com is not in salespeople in the config');
    expect(JSON.parse((await away('list', '--json')).stdout).stored).toHaveLength(1);
  });

  it('removes a stored absence, once', async () => {
    expect((await away('remove', '1')).stdout.trim()).toBe(`absence 1 of ${NINA} removed`);
    expect(JSON.parse((await away('list', '--json')).stdout).stored).toEqual([]);
    const again = await away('remove', '1');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('there is no stored absence 1');
  });
});
