/**
 * `trademail run` serves the API and the dashboard when the config has an `http` section, and
 * nothing listens without one; on both databases.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { startService } from '../../src/service/service.ts';
import type { Store } from '../../src/store/client.ts';
import { type TestDatabase, testDatabases } from '../helpers/db.ts';

// Set for each database in its block's beforeAll: vitest runs every describe body first.
let database: TestDatabase;
let store: Store;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function config(http?: { host: string; port: number }) {
  return parseConfig(
    {
      database: { url: database.url },
      company: { name: 'BrightLux Lighting', domains: ['brightlux-lighting.com'] },
      salespeople: [{ email: 'david@brightlux-lighting.com', name: 'David', role: 'manager' }],
      ...(http ? { http } : {}),
    },
    {},
  );
}

describe.each(testDatabases())('trademail run with http configured (%o)', (make) => {
  beforeAll(async () => {
    database = make();
    store = await database.open();
  });
  afterAll(async () => {
    await store?.close();
    await database.drop();
  });

  it('serves the dashboard and the API on the configured port until stopped', async () => {
    const port = await freePort();
    const service = await startService({
      config: config({ host: '127.0.0.1', port }),
      store,
      log: silentLogger,
      healthIntervalMs: 60_000,
    });
    try {
      const url = `http://127.0.0.1:${port}/`;
      expect(service.summary).toContain(`dashboard at ${url}`);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('<main id="main"');
      expect((await fetch(new URL('/api/health', url))).status).toBe(200);
      expect((await fetch(new URL('/api/inquiries', url))).status).toBe(401);
    } finally {
      await service.stop();
    }
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('listens on nothing without an http section', async () => {
    const service = await startService({
      config: config(),
      store,
      log: silentLogger,
      healthIntervalMs: 60_000,
    });
    try {
      expect(service.summary).not.toContain('dashboard');
    } finally {
      await service.stop();
    }
  });
});
