/**
 * The fixture mails under tests/fixtures/mails/<kind>/<name>.eml, each parsed (parse stage),
 * understood and rendered as parse JSON, must equal the expected JSON written beside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import { toParseJson, understand } from '../../../src/understand/understand.ts';
import { type FixtureContext, fixtureContext } from '../../fixtures/mails/context.ts';

const root = path.resolve(import.meta.dirname, '../../fixtures/mails');

interface FixtureFile {
  context?: FixtureContext;
  expected: Record<string, unknown>;
}

function fixtures(): { id: string; eml: string; json: string }[] {
  const out: { id: string; eml: string; json: string }[] = [];
  for (const kind of readdirSync(root, { withFileTypes: true })) {
    if (!kind.isDirectory() || kind.name === 'specs') continue;
    for (const file of readdirSync(path.join(root, kind.name)).sort()) {
      if (!file.endsWith('.eml')) continue;
      const base = path.join(root, kind.name, file.slice(0, -4));
      out.push({ id: `${kind.name}/${file.slice(0, -4)}`, eml: `${base}.eml`, json: `${base}.json` });
    }
  }
  return out;
}

const all = fixtures();
let passed = 0;

describe('fixture mails', () => {
  afterAll(() => {
    console.log(`fixtures: ${passed}/${all.length} passed`);
  });

  it('has at least 60 fixtures, each with its expected JSON of the same kind as its folder', () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
    for (const f of all) {
      const spec = JSON.parse(readFileSync(f.json, 'utf8')) as FixtureFile;
      expect(spec.expected['kind'], f.id).toBe(f.id.split('/')[0]);
    }
  });

  it.each(all)('$id', async (f) => {
    const spec = JSON.parse(readFileSync(f.json, 'utf8')) as FixtureFile;
    const mail = await parseStage(readFileSync(f.eml));
    const actual = toParseJson(await understand(mail, fixtureContext(spec.context)));
    expect(actual).toEqual(spec.expected);
    // Key order is part of the contract (the CLI prints this object).
    expect(JSON.stringify(actual)).toBe(JSON.stringify(spec.expected));
    passed++;
  });
});
