/**
 * The command line as a new user meets it: init on an empty folder, run until SIGTERM, an mbox
 * import that is idempotent, status --json in its documented shape, quarantine and reprocess
 * (these last on both databases).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressRaw } from '../../src/ingest/raw/compress.ts';
import { messageKey } from '../../src/ingest/raw/message-key.ts';
import { storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { runCli } from '../helpers/cli.ts';
import { testConfigDocument, writeTestConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';
import { type DovecotHost, startDovecot } from '../helpers/mailhost/index.ts';
import { inquiryMessage } from '../helpers/messages.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'trademail.js');

describe('init and run on a fresh folder', () => {
  it('init writes a valid starter config and database; run starts and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-fresh-'));
    const init = await runCli(['init'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('wrote trademail.config.yaml');
    expect(existsSync(join(dir, 'data', 'trademail.db'))).toBe(true);
    expect((await runCli(['init'], { cwd: dir })).stdout).toContain('exists; leaving it as it is');

    const child = spawn(process.execPath, [BIN, 'run', '--log-level', 'info'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`run did not start: ${stdout} ${stderr}`)), 30_000);
      child.stdout.on('data', () => {
        if (stdout.includes('trademail running')) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('trademail running (sqlite store, 0 mailboxes)');
    expect(stdout).toContain('trademail stopped');
    expect(stderr).toContain('"msg":"shutting down"');
  });

  it('fails with a one-line reason and exit 1 when the config is missing, exit 2 on usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-none-'));
    const r = await runCli(['run'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'trademail: trademail.config.yaml: no such file. Fix: run `trademail init` to write a starter config, or pass --config <path>.\n',
    );
    expect((await runCli(['no-such-command'], { cwd: dir })).code).toBe(2);
  });
});

describe.each(testDatabases())('import, status, quarantine (%o)', (make) => {
  let dovecot: DovecotHost;
  const database = make();
  let configFile: string;
  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ name: 'sales', password: 'pw' }] });
    configFile = writeTestConfig(
      testConfigDocument(
        dovecot,
        [{ name: 'inquiries', role: 'inquiries', user: 'sales', password: 'pw' }],
        database.url,
      ),
    );
  });
  afterAll(async () => {
    await dovecot?.stop();
    await database.drop();
  });

  it('imports an mbox of a few hundred messages; importing it again adds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-mbox-'));
    const mbox = join(dir, 'Inbox.mbox');
    const parts: string[] = [];
    for (let i = 0; i < 300; i++) {
      // mboxrd: body lines starting with "From " are escaped as ">From ".
      const raw = inquiryMessage(70_000 + i)
        .replace(/\r\n/g, '\n')
        .replace('Best regards,', 'From our side: best regards,\n>From the team');
      parts.push(
        `From buyer${i}@example.com Thu Jan  1 00:00:00 2026\n${raw.replace(/^(>*From )/gm, '>$1')}\n`,
      );
    }
    writeFileSync(mbox, parts.join(''));
    const first = await runCli(['--config', configFile, 'import', mbox]);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(
      '300 messages read from 1 file: 300 new, 0 already imported, 0 duplicates; 300 processed, 0 quarantined',
    );
    const again = await runCli(['--config', configFile, 'import', mbox]);
    expect(again.stdout.trim()).toBe(
      '300 messages read from 1 file: 0 new, 300 already imported, 0 duplicates; 0 processed, 0 quarantined',
    );
  });

  it('status --json prints exactly the documented shape after a sync', async () => {
    await dovecot.appendMessage('sales', 'INBOX', inquiryMessage(80_000));
    await dovecot.appendMessage('sales', 'INBOX', '\r\n');
    expect((await runCli(['--config', configFile, 'sync', '--once'])).code).toBe(0);
    const r = await runCli(['--config', configFile, 'status', '--json']);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(Object.keys(status)).toEqual(['mailboxes']);
    expect(status.mailboxes).toHaveLength(1);
    expect(Object.keys(status.mailboxes[0])).toEqual(['name', 'folders']);
    const folder = status.mailboxes[0].folders[0];
    expect(Object.keys(folder)).toEqual([
      'path',
      'messages',
      'quarantined',
      'uidValidity',
      'lastUid',
      'lastSyncAt',
      'error',
    ]);
    expect(folder).toMatchObject({ path: 'INBOX', messages: 2, quarantined: 1, lastUid: '2', error: null });
    expect(folder.uidValidity).toMatch(/^\d+$/);
    expect(new Date(folder.lastSyncAt).getTime()).toBeGreaterThan(Date.now() - 120_000);

    const list = await runCli(['--config', configFile, 'quarantine', 'list', '--json']);
    const entries = JSON.parse(list.stdout);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ stage: 'parse', errorCode: 'PARSE_FAILED', attempts: 1 });
    const re = await runCli(['--config', configFile, 'reprocess']);
    expect(re.stdout.trim()).toBe('0 processed, 1 still quarantined');
    expect(
      JSON.parse((await runCli(['--config', configFile, 'quarantine', 'list', '--json'])).stdout)[0].attempts,
    ).toBe(2);
    // by its number, as the list shows it (#n) or bare; anything else is refused
    const shown = `#${entries[0].messageRowId}`;
    const one = await runCli(['--config', configFile, 'reprocess', shown]);
    expect(one.stdout.trim()).toBe('0 processed, 1 still quarantined');
    const wrong = await runCli(['--config', configFile, 'reprocess', 'abc']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('"abc" is not a message number');
    expect(
      JSON.parse((await runCli(['--config', configFile, 'quarantine', 'list', '--json'])).stdout)[0].attempts,
    ).toBe(3);
    expect(readFileSync(configFile, 'utf8')).toContain('inquiries');
  });

  it('import first processes what an interrupted run stored and did not process', async () => {
    // As a kill -9 between storing a batch and processing it leaves the store.
    const raw = Buffer.from(inquiryMessage(90_000));
    const key = messageKey(raw);
    const store = await database.open();
    let left: number;
    try {
      const item = { key, compressed: compressRaw(raw), size: raw.length, importKey: `sha256:${key.sha256}` };
      [left] = (await storeRawBatch(store.db, {}, [item], new Date())).created as [number];
    } finally {
      await store.close();
    }
    const dir = mkdtempSync(join(tmpdir(), 'tm-left-'));
    writeFileSync(join(dir, 'next.eml'), inquiryMessage(90_001));
    const r = await runCli(['--config', configFile, 'import', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      '1 messages left by an earlier run processed first',
      '1 messages read from 1 file: 1 new, 0 already imported, 0 duplicates; 1 processed, 0 quarantined',
    ]);
    const after = await database.open();
    try {
      expect((await after.db.message.findUniqueOrThrow({ where: { id: left } })).stage).toBe('processed');
    } finally {
      await after.close();
    }
  });

  // Last: it adds a mailbox to this store that the tests above do not expect.
  it('sync, watching, ends with the reason when one mailbox cannot log in, not half running', async () => {
    const file = writeTestConfig(
      testConfigDocument(
        dovecot,
        [
          { name: 'inquiries', role: 'inquiries', user: 'sales', password: 'pw' },
          { name: 'wrong', role: 'dropbox', user: 'sales', password: 'not the password' },
        ],
        database.url,
      ),
    );
    // Before, the mailbox that logged in went on watching with its understanding threads
    // closed, and the process never ended: the guard's SIGKILL would end it here.
    const r = await runCli(['--config', file, 'sync'], { timeoutMs: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^trademail: .*login failed/m);
  });

  it('sync --once carries on past a mailbox and a folder that fail, keeps each error for status, exits 1', async () => {
    const file = writeTestConfig(
      testConfigDocument(
        dovecot,
        [
          { name: 'wrong', role: 'dropbox', user: 'sales', password: 'not the password' },
          { name: 'partly', role: 'inquiries', user: 'sales', password: 'pw', folders: ['Nope', 'INBOX'] },
        ],
        database.url,
      ),
    );
    const r = await runCli(['--config', file, 'sync', '--once']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^partly\/INBOX: \d+ fetched/m);
    expect(r.stderr).toMatch(/^trademail: 2 failed: wrong: .*login failed.*; partly\/Nope: .*Nope/m);
    const status = JSON.parse((await runCli(['--config', file, 'status', '--json'])).stdout);
    const folders = (name: string) =>
      status.mailboxes
        .find((m: { name: string }) => m.name === name)
        .folders.map((f: { path: string; error: string | null }) => [f.path, f.error])
        .sort();
    expect(folders('wrong')).toEqual([['INBOX', expect.stringMatching(/login failed/)]]);
    // the server's own words, not only imapflow's "Command failed"
    expect(folders('partly')).toEqual([
      ['INBOX', null],
      ['Nope', expect.stringMatching(/Command failed: .*Nope/)],
    ]);
  });
});
