/**
 * The dashboard's files and headers as served by the API's Fastify instance: content types,
 * the Content-Security-Policy and friends on pages and API answers, revalidation by ETag, and
 * nothing outside web/ reachable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config/load.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { REPO_ROOT } from '../../src/paths.ts';
import type { Store } from '../../src/store/client.ts';
import { registerDashboard, WEB_ROOT } from '../../src/web/dashboard.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/web/security-headers.ts';
import { sqliteDatabase } from '../helpers/db.ts';

const database = sqliteDatabase();
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = await database.open();
  const config = loadConfig(join(REPO_ROOT, 'demo', 'trademail.demo.yaml'), { DATABASE_URL: database.url });
  app = createApiServer({ db: store.db, config, log: silentLogger, now: () => new Date() });
  registerDashboard(app);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await database.drop();
});

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k!, v.join(' ')]),
  );
}

describe('dashboard files and security headers', () => {
  it('serves index.html at / with a CSP that allows only our own files and no inline code', async () => {
    const r = await app.inject({ method: 'GET', url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toBe(readFileSync(join(WEB_ROOT, 'index.html'), 'utf8'));
    const csp = directives(String(r.headers['content-security-policy']));
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('require-trusted-types-for')).toBe("'script'");
    for (const value of csp.values()) expect(value).not.toMatch(/unsafe|\*|data:/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('has no inline script, style or event handler in the page, and no innerHTML in the code', () => {
    const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const sources = readdirSync(WEB_ROOT, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.js'),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const code = readFileSync(join(WEB_ROOT, file), 'utf8');
      expect(code, file).not.toMatch(
        /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function/,
      );
    }
  });

  it('sends each file with its content type and the same headers on API answers', async () => {
    const cases = [
      ['/app.js', 'text/javascript; charset=utf-8'],
      ['/lib/dom.js', 'text/javascript; charset=utf-8'],
      ['/css/base.css', 'text/css; charset=utf-8'],
      ['/favicon.svg', 'image/svg+xml'],
    ] as const;
    for (const [url, type] of cases) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toBe(type);
      expect(r.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
    }
    const api = await app.inject({ method: 'GET', url: '/api/inquiries' });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves every stylesheet, script and icon the page links to', async () => {
    const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(8);
    for (const url of refs) expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
  });

  it('answers 304 to a matching If-None-Match and a changed file gets a new ETag', async () => {
    const first = await app.inject({ method: 'GET', url: '/css/base.css' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await app.inject({
      method: 'GET',
      url: '/css/base.css',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await app.inject({ method: 'GET', url: '/app.js' });
    expect(other.headers.etag).not.toBe(etag);
  });

  it('reaches nothing outside web/ and leaves unknown paths to the API', async () => {
    for (const url of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/lib/../../package.json',
      '/web/app.js',
      '/src/web/static.ts',
    ]) {
      const r = await app.inject({ method: 'GET', url });
      expect([401, 404], url).toContain(r.statusCode);
      expect(r.headers['content-type'], url).toMatch(/^application\/json/);
      expect(r.body, url).not.toContain('"dependencies"');
    }
    // The API decides between "sign in first" and "no such route"; either way JSON, never a file.
    const r = await app.inject({ method: 'GET', url: '/no-such-page' });
    expect([401, 404]).toContain(r.statusCode);
    expect(['UNAUTHORIZED', 'NOT_FOUND']).toContain(r.json().error.code);
  });
});
