/**
 * The token, report and privacy commands on a seeded SQLite store: `token create` as a user
 * runs it (a child process), the others through the same entry point in this process (a child
 * process costs seconds of start-up each): a created token works against the API until
 * revoked, the weekly report and the privacy export print JSON, erase removes the person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/server.ts';
import { CliContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { buildWeeklyReport, reportUser } from '../../src/reports/index.ts';
import type { Store } from '../../src/store/client.ts';
import { runCli } from '../helpers/cli.ts';
import { writeTestConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';
import { BUYERS, NOW, PEOPLE, seedConfig, seedConfigDocument, seedWeek } from './seed.ts';

describe.each(testDatabases())('token, report and privacy commands (%o)', (make) => {
  const database = make();
  let store: Store;
  let configFile: string;
  /** The command line in this process: exit code and what it printed. */
  const cli = async (...args: string[]) => {
    const lines: string[] = [];
    const code = await main(
      ['node', 'trademail', '--config', configFile, ...args],
      (opts) => new CliContext(opts, (l) => lines.push(l)),
    );
    return { code, stdout: `${lines.join('\n')}\n` };
  };
  beforeAll(async () => {
    store = await database.open();
    await seedWeek(store.db, seedConfig(database.url));
    configFile = writeTestConfig(seedConfigDocument(database.url));
  });
  afterAll(async () => {
    await store?.close();
    await database.drop();
  });

  it('creates a token that is printed once and works against the API until revoked', async () => {
    const created = await runCli([
      '--config',
      configFile,
      'token',
      'create',
      '--user',
      PEOPLE.lily.email,
      '--name',
      'laptop',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const token = /^(tm_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)?.[1];
    expect(token).toBeDefined();
    expect(created.stdout).toContain('for lily@brightlux-lighting.com (salesperson)');
    const app = createApiServer({
      db: store.db,
      config: seedConfig(database.url),
      log: silentLogger,
      now: () => NOW,
    });
    const me = () => app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).json()).toMatchObject({ user: { email: PEOPLE.lily.email, role: 'salesperson' } });

    const list = await cli('token', 'list', '--json');
    const tokens = JSON.parse(list.stdout) as Array<{ id: number; name: string; user: string }>;
    expect(tokens).toEqual([
      expect.objectContaining({ name: 'laptop', user: PEOPLE.lily.email, revokedAt: null }),
    ]);
    expect(list.stdout).not.toContain(token!);

    const revoked = await cli('token', 'revoke', String(tokens[0]!.id));
    expect(revoked.code).toBe(0);
    expect((await me()).statusCode).toBe(401);
    const audit = await store.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.target])).toEqual([
      ['token.create', `token:${tokens[0]!.id}`],
      ['token.revoke', `token:${tokens[0]!.id}`],
    ]);
    await app.close();
  });

  it('prints the weekly report as JSON for a past week, the same as the report module', async () => {
    const r = await cli(
      'report',
      'weekly',
      '--user',
      PEOPLE.lily.email,
      '--format',
      'json',
      '--at',
      NOW.toISOString(),
    );
    expect(r.code).toBe(0);
    const expected = await buildWeeklyReport(
      store.db,
      seedConfig(database.url),
      await reportUser(store.db, PEOPLE.lily.email),
      NOW,
    );
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('exports and then erases a person', async () => {
    const exported = await cli('privacy', 'export', BUYERS.peter.email);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc).toMatchObject({ person: BUYERS.peter.email, lead: { name: BUYERS.peter.name } });
    expect(doc.messages[0].raw).toContain('Send your full price list.');
    const erased = await cli('privacy', 'erase', BUYERS.peter.email);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain('erased: lead deleted, company deleted, 1 raw messages');
    expect(await store.db.lead.findUnique({ where: { email: BUYERS.peter.email } })).toBeNull();
    expect(await store.db.suppression.findUnique({ where: { address: BUYERS.peter.email } })).toMatchObject({
      reason: 'erasure',
    });
  });
});
