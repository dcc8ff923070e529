/**
 * The bundle that bin/trademail.js runs (scripts/build.mjs): when it counts as current, that
 * it runs the command line and the understanding worker like the sources do, and that the
 * sources run instead when asked to.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentBundle } from '../../bin/current-bundle.js';
import { REPO_ROOT } from '../../src/paths.ts';
import { runCli, runNode } from '../helpers/cli.ts';
import { testConfigDocument, writeTestConfig } from '../helpers/config.ts';
import { sqliteDatabase } from '../helpers/db.ts';
import { inquiryMessage } from '../helpers/messages.ts';

describe('currentBundle', () => {
  const root = mkdtempSync(join(tmpdir(), 'tm-bundle-'));
  const at = (file: string, seconds: number) => {
    const path = join(root, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '');
    utimesSync(path, seconds, seconds);
  };
  beforeAll(() => {
    at('src/a.ts', 1_000);
    at('generated/b.ts', 1_000);
    at('dist/trademail.mjs', 2_000);
    writeFileSync(join(root, 'dist/inputs.json'), JSON.stringify(['src/a.ts', 'generated/b.ts']));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is the bundle when it is newer than every source it was built from', () => {
    expect(currentBundle(root, {})).toBe(join(root, 'dist', 'trademail.mjs'));
  });

  it('is nothing when asked for the sources', () => {
    expect(currentBundle(root, { TRADEMAIL_FROM_SOURCE: '1' })).toBeUndefined();
  });

  it('is nothing when a source changed after the build, or is gone', () => {
    at('src/a.ts', 3_000);
    expect(currentBundle(root, {})).toBeUndefined();
    at('src/a.ts', 1_000);
    rmSync(join(root, 'generated/b.ts'));
    expect(currentBundle(root, {})).toBeUndefined();
    at('generated/b.ts', 1_000);
    expect(currentBundle(root, {})).toBeDefined();
  });

  it('is nothing without a bundle', () => {
    const empty = mkdtempSync(join(tmpdir(), 'tm-nobundle-'));
    expect(currentBundle(empty, {})).toBeUndefined();
    rmSync(empty, { recursive: true });
  });
});

describe('the bundle', () => {
  const database = sqliteDatabase();
  beforeAll(async () => {
    // Built from the sources as they are now, so this tests them, not an older bundle.
    const build = await runNode([join(REPO_ROOT, 'scripts', 'build.mjs')]);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
  });
  afterAll(() => database.drop());

  it('is what the command line runs, unless the sources are asked for', async () => {
    expect((await runCli(['--version'])).stdout).toMatch(
      /^trademail \d+\.\d+\.\d+ \(bundle dist\/trademail\.mjs\)/,
    );
    const sources = await runCli(['--version'], { env: { TRADEMAIL_FROM_SOURCE: '1' } });
    expect(sources.stdout).toMatch(/\(TypeScript sources through tsx\)/);
  });

  it('leaves the packages only some commands use unloaded until one of them runs', async () => {
    const bundle = pathToFileURL(join(REPO_ROOT, 'dist', 'trademail.mjs')).href;
    const script = `import { createRequire } from 'node:module';
      await import(${JSON.stringify(bundle)});
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(loaded.map((f) => f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/)?.[1])));`;
    const run = await runNode(['--input-type=module', '-e', script]);
    expect(run.stderr).toBe('');
    const packages = new Set(JSON.parse(run.stdout) as string[]);
    expect(packages).toContain('imapflow'); // what sync needs is loaded, and seen here
    for (const lazy of [
      'fastify',
      'pg',
      '@prisma/adapter-pg',
      'nodemailer',
      'handlebars',
      'node-cron',
      'cli-progress',
      // parsed only where mail is parsed: on a worker thread when sync.workers is set
      'mailparser',
      'html-to-text',
    ]) {
      expect(packages, lazy).not.toContain(lazy);
    }
  });

  it("keeps the store's client and the config schemas out of the understanding worker", () => {
    // Every worker pays for what its bundle imports: a loaded worker was 53 MB with Prisma's
    // client and zod, for code it never runs, and 44-48 MB without.
    const imported = (file: string) =>
      new Set(
        [...readFileSync(join(REPO_ROOT, 'dist', file), 'utf8').matchAll(/\bfrom "([^"]+)"/g)].map(
          (m) => m[1]!.match(/^((?:@[^/]+\/)?[^/]+)/)![1],
        ),
      );
    const worker = imported('understand-worker.mjs');
    expect(worker).toContain('libphonenumber-js'); // what it needs is seen here
    for (const heavy of ['@prisma/client', 'zod', 'better-sqlite3', 'imapflow', 'pino'])
      expect(worker, heavy).not.toContain(heavy);
    // The main bundle imports them the same way, so the pattern reads its imports too.
    expect(imported('trademail.mjs')).toContain('@prisma/client');
  });

  it("loads Prisma's query compilers from .wasm files beside it, not from base64 modules", () => {
    const bundle = readFileSync(join(REPO_ROOT, 'dist', 'trademail.mjs'), 'utf8');
    expect(bundle).not.toContain('wasm-base64');
    for (const provider of ['sqlite', 'postgresql']) {
      const wasm = readFileSync(join(REPO_ROOT, 'dist', `query_compiler_small_bg.${provider}.wasm`));
      expect(wasm.subarray(0, 4).toString('latin1')).toBe('\0asm'); // the wasm magic number
      expect(wasm.length).toBeGreaterThan(1_000_000);
    }
  });

  it('imports mail through its own understanding worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-eml-'));
    for (let i = 0; i < 30; i++) writeFileSync(join(dir, `${i}.eml`), inquiryMessage(90_000 + i));
    const configFile = writeTestConfig(
      testConfigDocument(null, [], database.url, {
        sync: { pollSeconds: 5, batchSize: 10, maxBackoffSeconds: 2, workers: 1 },
      }),
    );
    const r = await runCli(['--config', configFile, 'import', dir]);
    expect(r.stderr).toBe('');
    // A worker that failed to load would quarantine every message with WORKER_FAILED.
    expect(r.stdout.trim()).toBe(
      '30 messages read from 30 files: 30 new, 0 already imported, 0 duplicates; 30 processed, 0 quarantined',
    );
  });
});
