/**
 * The fixture mails under tests/fixtures/mails/<kind>/<name>.eml, each parsed (parse stage),
 * understood and rendered as parse JSON, must equal the expected JSON written beside it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import { toParseJson, understand } from '../../../src/understand/understand.ts';
import { type FixtureContext, fixtureContext } from '../../fixtures/mails/context.ts';
import { fixtureMails } from '../../fixtures/mails/list.ts';

interface FixtureFile {
  context?: FixtureContext;
  expected: Record<string, unknown>;
}

const all = fixtureMails();
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
