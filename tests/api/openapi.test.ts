/**
 * The OpenAPI document is generated from the registered routes, and docs/api.md (which the
 * dashboard is built from) lists exactly the same routes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDatabase } from '../helpers/db.ts';
import { type Harness, startHarness } from './harness.ts';
import { REPO } from './seed.ts';

describe('the OpenAPI document and docs/api.md', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(sqliteDatabase());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is served without a token and describes every route with its parameters and errors', async () => {
    const r = await h.call(null, 'GET', '/api/openapi.json');
    const doc = r.json;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const leads = doc.paths['/api/leads'].get;
    expect(leads.parameters.map((p: { name: string }) => p.name)).toEqual([
      'q',
      'status',
      'country',
      'ownerId',
      'grade',
      'limit',
      'offset',
    ]);
    expect(Object.keys(leads.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
    const stop = doc.paths['/api/enrollments/{id}/stop'].post;
    expect(stop.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
    ]);
    expect(stop.requestBody.content['application/json'].schema.properties.reason).toBeDefined();
    expect(stop.responses['409']).toBeDefined();
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    const ids = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops as object).map((o) => o.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists in docs/api.md exactly the routes the server has', async () => {
    const doc = (await h.call(null, 'GET', '/api/openapi.json')).json;
    const served = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const markdown = readFileSync(path.join(REPO, 'docs', 'api.md'), 'utf8');
    const documented = [...markdown.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`?]+)[^`]*` \|/gm)]
      .map((m) => `${m[1]} ${m[2]!.replace(/:([A-Za-z]+)/g, '{$1}')}`)
      .sort();
    expect(documented).toEqual(served);
  });
});
