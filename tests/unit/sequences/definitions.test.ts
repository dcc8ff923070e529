import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrademailError } from '../../../src/errors.ts';
import type { SequenceDefinition, SequenceProblem } from '../../../src/sequences/definitions/index.ts';
import {
  conditionMet,
  cumulativeSchedule,
  loadSequences,
  parseSequenceFile,
} from '../../../src/sequences/definitions/index.ts';
import { delayRangeMinutes } from '../../../src/sequences/timing/index.ts';
import { loadTemplates } from '../../../src/templates/index.ts';
import { SHIPPED_SEQUENCES, SHIPPED_TEMPLATES } from '../templates/fixtures.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trademail-sequences-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function loadError(files: Record<string, string>, knownTemplates?: string[]): TrademailError {
  try {
    loadSequences(folder(files), knownTemplates === undefined ? {} : { knownTemplates });
  } catch (err) {
    if (err instanceof TrademailError) return err;
    throw err;
  }
  throw new Error('expected loadSequences to throw');
}

const VALID = `name: demo
maxAgeDays: 30
steps:
  - id: first
    delay: { minDays: 0, maxDays: 0 }
    template: prospecting-first
  - id: second
    delay: { minDays: 1, maxDays: 2 }
    template: prospecting-followup-1
`;

function withChange(from: string, to: string): string {
  if (!VALID.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return VALID.replace(from, to);
}

function byName(defs: SequenceDefinition[], name: string): SequenceDefinition {
  const def = defs.find((d) => d.name === name);
  if (def === undefined) throw new Error(`no sequence ${name}`);
  return def;
}

describe('shipped sequences', () => {
  const templates = loadTemplates(SHIPPED_TEMPLATES);
  const defs = loadSequences(SHIPPED_SEQUENCES, { knownTemplates: templates.templates.keys() });
  const days = (name: string) => cumulativeSchedule(byName(defs, name)).map((s) => [s.fromDay, s.toDay]);

  it('are the four defaults, each naming only templates that exist', () => {
    expect(defs.map((d) => d.name).sort()).toEqual([
      'prospecting',
      'quotation-followup',
      'trade-show',
      'wake-up',
    ]);
    for (const d of defs) expect(d.stopOn).toEqual({ reply: true, companyReply: true });
  });

  it('prospecting follows the handbook: first mail, then day 1-2, 5-7, 12-14 and about 21', () => {
    expect(days('prospecting')).toEqual([
      [0, 0],
      [1, 2],
      [5, 7],
      [12, 14],
      [20, 22],
    ]);
    expect(byName(defs, 'prospecting').steps.map((s) => s.template)).toEqual([
      'prospecting-first',
      'prospecting-followup-1',
      'prospecting-followup-2',
      'prospecting-followup-3',
      'prospecting-final',
    ]);
    // The first follow-up comes within 72 hours of first contact at the latest.
    expect(days('prospecting')[1]![1]).toBeLessThanOrEqual(3);
  });

  it('quotation follow-up starts 1-2 days after the quote, then the same rhythm', () => {
    expect(days('quotation-followup')).toEqual([
      [1, 2],
      [5, 7],
      [12, 14],
      [20, 22],
    ]);
  });

  it('trade show: thank-you within 48 hours, then follow-ups graded A/B vs C/D', () => {
    const show = byName(defs, 'trade-show');
    expect(show.steps[0]!.delay).toEqual({ minHours: 0, maxHours: 48 });
    expect(show.steps[0]!.template).toBe('trade-show-thanks');
    const forGrade = (g: 'A' | 'C') =>
      show.steps.filter((s) =>
        conditionMet(s.condition, { grade: g, tier: null, repliedSincePreviousStep: false }),
      );
    expect(forGrade('A').length).toBe(5);
    expect(forGrade('C').map((s) => s.id)).toEqual(['thank-you', 'new-value', 'final']);
    expect(days('trade-show').at(-1)![1]).toBeLessThanOrEqual(show.maxAgeDays);
  });

  it('wake-up starts at once and nudges only A and B tier customers who stayed silent', () => {
    const wake = byName(defs, 'wake-up');
    expect(wake.steps[0]!.delay).toEqual({ minDays: 0, maxDays: 0 });
    expect(wake.steps[1]!.condition).toEqual({ grade: null, tier: ['A', 'B'], noReplySinceStep: true });
  });

  it('converts delays to the minutes stored per step', () => {
    expect(delayRangeMinutes({ minDays: 1, maxDays: 2 })).toEqual({ min: 1440, max: 2880 });
    expect(delayRangeMinutes({ minHours: 0, maxHours: 48 })).toEqual({ min: 0, max: 2880 });
  });
});

describe('validation messages name the file, the field and the fix', () => {
  it.each([
    [
      withChange('maxDays: 2', 'maxDays: "2"'),
      'steps[1].delay.maxDays: must be number, not string "2"; fix: write a whole number of days >= minDays',
    ],
    [
      withChange('minDays: 1, maxDays: 2', 'minDays: 3, maxDays: 2'),
      'steps[1].delay.minDays: minDays (3) is above maxDays (2)',
    ],
    [
      withChange('{ minDays: 1, maxDays: 2 }', '{ minDays: 1, maxHours: 2 }'),
      'steps[1].delay: needs either minDays and maxDays, or minHours and maxHours; fix: write either { minDays: 1, maxDays: 2 } or { minHours: 0, maxHours: 48 }',
    ],
    [withChange('maxDays: 2 }', 'maxDays: 400 }'), 'steps[1].delay.maxDays: maxDays (400) is over 365'],
    [withChange('minDays: 1,', 'minDays: 1.5,'), 'steps[1].delay.minDays: must be int, not number 1.5'],
    [
      `${VALID}stopOn: { reply: true, companyReply: true }\n`,
      'stopOn: unknown field "companyReply" (did you mean "company_reply"?); fix: remove it; the fields allowed here are reply, company_reply',
    ],
    [
      withChange('name: demo\n', ''),
      'name: is missing; fix: use lower-case letters, digits and dashes, e.g. name: prospecting',
    ],
    [withChange('name: demo', 'name: My Sequence'), 'name: string "My Sequence" has the wrong format'],
    [
      withChange('maxAgeDays: 30', 'maxAgeDays: 0'),
      'maxAgeDays: number 0 is below 1; fix: write a whole number of days',
    ],
    [
      withChange(
        'template: prospecting-followup-1',
        'template: prospecting-followup-1\n    condition: { grade: [E] }',
      ),
      'steps[1].condition.grade[0]: string "E" is not allowed; fix: use the grades A, B, C or D',
    ],
    [
      withChange(
        'template: prospecting-followup-1',
        'template: prospecting-followup-1\n    condition: { noReplySinceStep: false }',
      ),
      'steps[1].condition.noReplySinceStep: boolean false is not allowed; fix: write noReplySinceStep: true, or leave the field out',
    ],
    [
      withChange('id: second', 'id: first'),
      'steps[1].id: "first" is already used by steps[0]; fix: give every step its own id',
    ],
    [
      withChange('maxAgeDays: 30', 'maxAgeDays: 1'),
      'maxAgeDays: 1 days ends every enrollment before step "second" (planned from day 1); fix: raise maxAgeDays above 2',
    ],
    ['name: demo\nmaxAgeDays: 30\nsteps: []\n', 'steps: must list at least 1 item(s)'],
    ['name: demo\n  steps: [\n', 'is not valid YAML'],
    ['- just\n- a list\n', '(file): must be object, not a list'],
  ])('%#: %s', (yaml, expected) => {
    const err = loadError({ 'demo.yaml': yaml });
    expect(err.code).toBe('SEQUENCE_INVALID');
    expect(err.message).toContain(`demo.yaml: ${expected.startsWith('is not') ? '(file): ' : ''}${expected}`);
  });

  it('checks template names when the caller knows them', () => {
    const err = loadError({ 'demo.yaml': VALID }, ['prospecting-first']);
    expect(err.message).toContain(
      'demo.yaml: steps[1].template: template "prospecting-followup-1" does not exist; fix: create templates/prospecting-followup-1/ or use one of: prospecting-first',
    );
  });

  it('reports every problem of every file at once, as text and as data', () => {
    const err = loadError({
      'a.yaml': VALID,
      'b.yml': VALID,
      'c.yaml': withChange('maxAgeDays: 30', 'maxAgeDays: many'),
      'notes.txt': 'not a sequence',
    });
    const problems = err.details?.['problems'] as SequenceProblem[];
    expect(problems.map((p) => [path.basename(p.file), p.field])).toEqual([
      ['b.yml', 'name'],
      ['c.yaml', 'maxAgeDays'],
    ]);
    expect(problems[0]!.message).toContain('a.yaml');
    expect(err.message.split('\n')).toHaveLength(3);
  });

  it('refuses a folder that does not exist, and accepts an empty one', () => {
    expect(() => loadSequences(path.join(os.tmpdir(), 'no-such-trademail-folder'))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    const empty = folder({});
    mkdirSync(path.join(empty, 'sub'));
    expect(loadSequences(empty)).toEqual([]);
  });

  it('parses a valid file into the typed definition with defaults', () => {
    const { definition, problems } = parseSequenceFile(VALID, 'demo.yaml');
    expect(problems).toEqual([]);
    expect(definition).toEqual({
      name: 'demo',
      description: '',
      stopOn: { reply: true, companyReply: true },
      maxAgeDays: 30,
      steps: [
        { id: 'first', delay: { minDays: 0, maxDays: 0 }, template: 'prospecting-first', condition: null },
        {
          id: 'second',
          delay: { minDays: 1, maxDays: 2 },
          template: 'prospecting-followup-1',
          condition: null,
        },
      ],
      source: 'demo.yaml',
    });
  });

  it('reads stopOn.company_reply into companyReply', () => {
    const { definition } = parseSequenceFile(
      `${VALID}stopOn: { reply: true, company_reply: false }\n`,
      'x.yaml',
    );
    expect(definition?.stopOn).toEqual({ reply: true, companyReply: false });
  });
});

describe('step conditions', () => {
  const facts = { grade: 'B' as const, tier: null, repliedSincePreviousStep: false };

  it('applies a step without a condition to everyone', () => {
    expect(conditionMet(null, facts)).toBe(true);
  });

  it('matches grades and tiers, and never matches an unknown grade or tier', () => {
    const condition = { grade: ['A' as const, 'B' as const], tier: null, noReplySinceStep: false };
    expect(conditionMet(condition, facts)).toBe(true);
    expect(conditionMet(condition, { ...facts, grade: 'C' })).toBe(false);
    expect(conditionMet(condition, { ...facts, grade: null })).toBe(false);
    const tier = { grade: null, tier: ['A' as const], noReplySinceStep: false };
    expect(conditionMet(tier, { ...facts, tier: 'A' })).toBe(true);
    expect(conditionMet(tier, { ...facts, tier: 'B' })).toBe(false);
    expect(conditionMet(tier, facts)).toBe(false);
  });

  it('skips a no-reply step once the lead has replied', () => {
    const condition = { grade: null, tier: null, noReplySinceStep: true };
    expect(conditionMet(condition, facts)).toBe(true);
    expect(conditionMet(condition, { ...facts, repliedSincePreviousStep: true })).toBe(false);
  });
});
