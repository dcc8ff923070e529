/**
 * kill -9 during backfill, many times, then a clean run: every message is stored and processed
 * exactly once. The sync runs as the real CLI in a child process, killed at random moments;
 * once with the default settings and once with an understanding worker, whose batches sent
 * ahead die with the process; on both databases.
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/client.ts';
import { testConfigDocument, writeTestConfig } from '../helpers/config.ts';
import { PG_SERVER_URL, type TestDatabase, testDatabases } from '../helpers/db.ts';
import { type DovecotHost, startDovecot } from '../helpers/mailhost/index.ts';
import { inquiryMessage } from '../helpers/messages.ts';

const N = 3000;
const KILLS = 15;
let dovecot: DovecotHost;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ name: 'crash', password: 'pw' }] });
  await dovecot.writeMaildirMessages(
    'crash',
    'INBOX',
    Array.from({ length: N }, (_, i) => inquiryMessage(50_000 + i)),
  );
});
afterAll(async () => {
  await dovecot?.stop();
});

/**
 * Messages stored so far, read without Prisma so the poll costs almost nothing; 0 while the
 * store is not there yet (the first run creates it).
 */
interface StoredCounter {
  count(): Promise<number>;
  close(): Promise<void>;
}

function storedCounter(database: TestDatabase): StoredCounter {
  if (database.name === 'sqlite') {
    const file = database.url.slice('file:'.length);
    return {
      count: async () => {
        try {
          const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
          try {
            return (db.prepare('SELECT COUNT(*) AS n FROM "Message"').get() as { n: number }).n;
          } finally {
            db.close();
          }
        } catch {
          return 0;
        }
      },
      close: async () => undefined,
    };
  }
  const schema = new URL(database.url).searchParams.get('schema')!;
  const client = new pg.Client({ connectionString: PG_SERVER_URL });
  const connected = client.connect();
  return {
    count: async () => {
      await connected;
      try {
        const { rows } = await client.query(`SELECT COUNT(*)::int AS n FROM "${schema}"."Message"`);
        return (rows[0] as { n: number }).n;
      } catch {
        return 0;
      }
    },
    close: () => client.end(),
  };
}

/**
 * Runs `trademail sync --once`. With a kill delay, the child is killed with SIGKILL that long
 * after it has stored something new, so every kill lands inside the backfill however slowly
 * the process starts on a loaded machine.
 */
async function runSync(
  configFile: string,
  stored: StoredCounter,
  killAfterProgressMs: number | null,
): Promise<number | null> {
  const before = await stored.count();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['bin/trademail.js', '--config', configFile, '--log-level', 'error', 'sync', '--once'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let killTimer: NodeJS.Timeout | null = null;
    let reading = false;
    const poll =
      killAfterProgressMs === null
        ? null
        : setInterval(() => {
            if (killTimer !== null || reading) return;
            reading = true;
            void stored
              .count()
              .then((n) => {
                if (killTimer === null && n > before) {
                  killTimer = setTimeout(() => child.kill('SIGKILL'), killAfterProgressMs);
                }
              })
              .finally(() => {
                reading = false;
              });
          }, 25);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      if (killTimer) clearTimeout(killTimer);
      if (signal === 'SIGKILL') resolve(null);
      else if (code === 0) resolve(0);
      else reject(new Error(`sync exited ${code}: ${stderr}`));
    });
  });
}

const CASES = testDatabases().flatMap((make) =>
  [0, 1].map((workers) => ({
    make,
    workers,
    label: `sync.workers ${workers}, ${make.name.replace(/Database$/, '')}`,
  })),
);

describe.each(CASES)('kill -9 during backfill, $label', ({ make, workers }) => {
  it(`stores and processes all ${N} messages exactly once after ${KILLS} kills`, async () => {
    const database = make();
    const stored = storedCounter(database);
    const configFile = writeTestConfig(
      testConfigDocument(
        dovecot,
        [{ name: 'inquiries', role: 'inquiries', user: 'crash', password: 'pw' }],
        database.url,
        {
          sync: { pollSeconds: 5, batchSize: 50, maxBackoffSeconds: 2, workers },
        },
      ),
    );
    // Seeded, so a failure can be replayed; spread from start-up to deep into the backfill.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      // Up to 600 ms after the run first stores something, shrinking with what is left to
      // store: a fixed range let a fast machine finish the backfill within a few runs, and
      // the runs after it had nothing left to be killed in.
      const left = (N - (await stored.count())) / N;
      if ((await runSync(configFile, stored, Math.floor(random() * 600 * left))) === null) killed++;
    }
    // The kills landed inside the backfill: some, not all, of the mail was stored by then.
    const midway = await openStore(database.url);
    const storedBeforeFinalRun = await midway.db.message.count();
    await midway.close();
    expect(storedBeforeFinalRun).toBeGreaterThan(0);
    expect(await runSync(configFile, stored, null)).toBe(0);
    const store = await openStore(database.url);
    try {
      const messages = await store.db.message.findMany({ select: { messageId: true, stage: true } });
      expect(messages.length).toBe(N);
      expect(new Set(messages.map((m) => m.messageId)).size).toBe(N);
      expect(messages.every((m) => m.stage === 'processed')).toBe(true);
      expect(await store.db.messageSource.count()).toBe(N);
      expect(await store.db.inquiry.count()).toBe(N);
      expect(await store.db.activity.count()).toBe(N);
      const folder = await store.db.mailboxFolder.findFirstOrThrow();
      expect(folder.lastUid).toBe(BigInt(N));
      console.log(
        `kill -9 trials, ${database.name}, ${workers} worker(s): ${killed} of ${KILLS} runs killed; ${storedBeforeFinalRun}/${N} stored before the final run; final store holds ${messages.length} messages once each`,
      );
      // A run may finish the rest of the backfill before its kill lands; most must be killed.
      expect(killed).toBeGreaterThanOrEqual(KILLS - 3);
    } finally {
      await store.close();
      await stored.close();
      await database.drop();
    }
  }, 240_000);
});
