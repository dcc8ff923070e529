/**
 * A store seeded the way the demo fills one: the sample mailbox arrives over a month through
 * the ingest pipeline while the sequence engine runs on that clock; then one inquiry whose
 * subject, names and body carry script payloads is imported the same way.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken } from '../../src/api/auth/tokens.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { fileMailboxDirectory } from '../../src/demo/file-outbox.ts';
import { placeMailbox } from '../../src/demo/mailbox.ts';
import { simulate } from '../../src/demo/simulate.ts';
import { importPath } from '../../src/ingest/import/import.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { REPO_ROOT } from '../../src/paths.ts';
import { loadSequences } from '../../src/sequences/definitions/index.ts';
import {
  configSenderResolver,
  DEFAULT_TIMING,
  type EngineDeps,
  syncSequences,
  templateStepRenderer,
} from '../../src/sequences/engine/index.ts';
import { stepContextBuilder } from '../../src/sequences/step-context.ts';
import { seededRng } from '../../src/sequences/timing/seeded-rng.ts';
import { syncSalespeople } from '../../src/sla/people.ts';
import type { Store } from '../../src/store/client.ts';
import { loadTemplates } from '../../src/templates/index.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import { sqliteDatabase } from '../helpers/db.ts';

/** Every payload sets window.__xss or opens a dialog if it ever runs. */
export const PAYLOADS = {
  script: '<script>window.__xss="subject-script"</script>',
  img: '<img src=x onerror="window.__xss=\'img-onerror\'">',
  js: 'javascript:window.__xss="js-url"',
  svg: '<svg onload=alert("svg")>',
};

export function xssMail(now: Date): string {
  const date = now.toUTCString().replace('GMT', '+0000');
  return [
    `From: "Eve ${PAYLOADS.img} Hacker" <eve@evil-buyer-ltd.com>`,
    'To: sales@brightlux-lighting.com',
    `Subject: ${PAYLOADS.script} LED panel light inquiry ${PAYLOADS.img}`,
    `Date: ${date}`,
    `Message-ID: <xss-${now.getTime()}@evil-buyer-ltd.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello,',
    '',
    'We need 2,000 pcs LED panel light 600x600 40W, CE and RoHS, FOB Ningbo.',
    `Our notes: ${PAYLOADS.script} and ${PAYLOADS.img} and ${PAYLOADS.svg}`,
    `Click here: ${PAYLOADS.js}`,
    '<a href="javascript:alert(document.cookie)">our catalogue</a>',
    '',
    'Best regards,',
    `Eve ${PAYLOADS.img}`,
    'Purchasing Manager',
    `Evil Buyer <b onmouseover=alert(1)>Ltd</b>`,
    `Web: ${PAYLOADS.js}`,
    'Tel: +44 20 7946 0321',
    '',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<html><body><p>Hello</p>${PAYLOADS.script}${PAYLOADS.img}<iframe src="javascript:alert(2)"></iframe></body></html>`,
    '--b1--',
    '',
  ].join('\r\n');
}

export interface Seeded {
  store: Store;
  config: Config;
  web: WebServer;
  token: string;
  /** Imports one more mail through the pipeline, as a live mailbox would. */
  importMail(raw: string | Buffer, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function seedDashboard(): Promise<Seeded> {
  const database = sqliteDatabase();
  const work = mkdtempSync(join(tmpdir(), 'tm-web-'));
  const config = loadConfig(join(REPO_ROOT, 'demo', 'trademail.demo.yaml'), {
    ...process.env,
    DATABASE_URL: database.url,
  });
  const store = await database.open();
  const { db } = store;
  await syncSalespeople(db, config);
  await syncSequences(db, loadSequences(join(REPO_ROOT, 'sequences')));
  const timing = { ...DEFAULT_TIMING, rng: seededRng(7) };
  const mailboxes = fileMailboxDirectory(config, join(work, 'outbox'));
  const engine: EngineDeps = {
    db,
    worker: 'web-test',
    render: templateStepRenderer(loadTemplates(join(REPO_ROOT, 'templates')), stepContextBuilder(db, config)),
    senders: configSenderResolver(db, config, { defaultMailbox: 'lily' }),
    timing,
    mailboxes,
    log: silentLogger,
  };
  const now = new Date();
  const arrivals = placeMailbox(
    join(REPO_ROOT, 'demo', 'mailbox'),
    join(work, 'mailbox'),
    new Date(now.getTime() - 25 * 60_000),
  );
  await simulate({ db, config, log: silentLogger, engine, timing }, arrivals, now);

  const importMail = async (raw: string | Buffer, name: string) => {
    const file = join(work, `${name}.eml`);
    writeFileSync(file, raw);
    await importPath({ db, config, log: silentLogger, now: () => new Date() }, file);
  };
  await importMail(xssMail(now), 'xss');

  const manager = config.salespeople.find((s) => s.role === 'manager')!;
  const token = (await createToken(db, config, { email: manager.email, now })).token;
  const web = await startWebServer({
    db,
    config,
    log: silentLogger,
    now: () => new Date(),
    host: '127.0.0.1',
    port: 0,
    templatesDir: join(REPO_ROOT, 'templates'),
  });
  return {
    store,
    config,
    web,
    token,
    importMail,
    async close() {
      await web.close();
      await store.close();
      await database.drop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
