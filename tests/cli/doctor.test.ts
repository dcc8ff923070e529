/**
 * `trademail doctor` against the private mail host: all OK; a wrong IMAP password, a wrong
 * SMTP password and an unreachable host are reported plainly with a non-zero exit; on both
 * databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { testConfigDocument, writeTestConfig } from '../helpers/config.ts';
import { type TestDatabase, testDatabases } from '../helpers/db.ts';
import { type DovecotHost, type SmtpSink, startDovecot, startSmtpSink } from '../helpers/mailhost/index.ts';
import { freePort } from '../helpers/mailhost/net.ts';

let dovecot: DovecotHost;
let smtp: SmtpSink;
// Set for each database by its describe block below; the blocks run one after the other.
let database: TestDatabase;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ name: 'anna', password: 'imap-pw' }] });
  smtp = await startSmtpSink({ users: [{ name: 'anna', password: 'smtp-pw' }] });
});
afterAll(async () => {
  await smtp?.stop();
  await dovecot?.stop();
});

function config(imapPassword: string, smtpPassword: string, port?: number) {
  const doc = testConfigDocument(
    dovecot,
    [
      {
        name: 'anna',
        role: 'salesperson',
        user: 'anna',
        password: imapPassword,
        smtp: { host: smtp.host, port: smtp.port, user: 'anna', password: smtpPassword },
      },
    ],
    database.url,
  );
  if (port !== undefined) (doc.mailboxes[0]!.imap as { port: number }).port = port;
  return writeTestConfig(doc);
}

describe.each(testDatabases())('trademail doctor (%o)', (make) => {
  // In a hook, not in the describe body: the bodies of both blocks run before any test does.
  beforeAll(() => {
    database = make();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('reports every check OK and exits 0 against the private mail host', async () => {
    const r = await runCli(['--config', config('imap-pw', 'smtp-pw'), 'doctor']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK {4}config: .* is valid \(1 mailboxes\)$/m);
    expect(r.stdout).toMatch(
      new RegExp(`^OK {4}database: ${database.name} .* reachable, migrations applied$`, 'm'),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `^OK {4}imap anna \\(127\\.0\\.0\\.1:${dovecot.port}\\): logged in; INBOX has 0 messages; IDLE`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(/^OK {4}smtp anna \(127\.0\.0\.1:\d+\): logged in$/m);
    expect(r.stdout).toMatch(/^all checks passed$/m);
  });

  it('reports a wrong IMAP and a wrong SMTP password as failures, exit 1', async () => {
    const r = await runCli(['--config', config('wrong', 'also-wrong'), 'doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}imap anna \(127\.0\.0\.1:\d+\): 127\.0\.0\.1:\d+: login failed/m);
    expect(r.stdout).toMatch(/^FAIL {2}smtp anna \(127\.0\.0\.1:\d+\): 127\.0\.0\.1:\d+: login failed/m);
    expect(r.stderr.trim()).toBe('trademail: doctor: 2 checks failed');
  });

  it('reports an unreachable host as a connection failure, exit 1', async () => {
    const closedPort = await freePort();
    const r = await runCli(['--config', config('imap-pw', 'smtp-pw', closedPort), 'doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^FAIL {2}imap anna \\(127\\.0\\.0\\.1:${closedPort}\\): .*cannot connect \\(ECONNREFUSED`,
        'm',
      ),
    );
    expect(r.stderr.trim()).toBe('trademail: doctor: 1 check failed');
  });
});
