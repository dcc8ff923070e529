/** Assignment rules: country/region, product, source, round robin, sticky owner, absences. */
import { describe, expect, it } from 'vitest';
import {
  type AssignContext,
  type AssignInput,
  assignLead,
  assignmentSchema,
} from '../../../src/rank/assign.ts';

const rules = assignmentSchema.parse({
  teams: { europe: ['anna', 'ben', 'carl'], mideast: ['dina'] },
  rules: [
    { name: 'lighting to Lily', when: { products: ['LED'] }, assignTo: { user: 'lily' } },
    {
      name: 'alibaba desk',
      when: { sources: ['platform_inquiry'], platforms: ['Alibaba'] },
      assignTo: { user: 'max' },
    },
    { name: 'EU team', when: { regions: ['eu'] }, assignTo: { team: 'europe' } },
    { name: 'GCC', when: { regions: ['GCC'] }, assignTo: { team: 'mideast' } },
    { name: 'UK', when: { countries: ['gb'] }, assignTo: { user: 'ben' } },
  ],
  fallback: { team: 'europe' },
});

const now = new Date('2026-03-05T02:00:00Z');
const input = (overrides: Partial<AssignInput> = {}): AssignInput => ({
  country: 'DE',
  products: ['garden hose'],
  kind: 'inquiry',
  platform: null,
  ...overrides,
});
const ctx = (overrides: Partial<AssignContext> = {}): AssignContext => ({
  now,
  previousOwnerId: null,
  absences: [],
  roundRobin: {},
  ...overrides,
});
const away = (userId: string, delegateId?: string) => ({
  userId,
  from: new Date('2026-03-01T00:00:00Z'),
  to: new Date('2026-03-10T00:00:00Z'),
  delegateId: delegateId ?? null,
});

describe('assignLead', () => {
  it('matches rules in order: product, then source+platform, then region', () => {
    expect(assignLead(input({ products: ['LED panel'] }), rules, ctx())).toMatchObject({
      ownerId: 'lily',
      via: 'rule',
      rule: 'lighting to Lily',
    });
    expect(assignLead(input({ kind: 'platform_inquiry', platform: 'alibaba' }), rules, ctx()).ownerId).toBe(
      'max',
    );
    expect(
      assignLead(input({ kind: 'platform_inquiry', platform: 'Global Sources' }), rules, ctx()).rule,
    ).toBe('EU team');
    expect(assignLead(input({ country: 'AE' }), rules, ctx()).ownerId).toBe('dina');
    expect(assignLead(input({ country: 'gb' }), rules, ctx()).ownerId).toBe('ben');
  });

  it('rotates round robin inside a team from the stored counter', () => {
    const owners: string[] = [];
    let counter: Record<string, number> = {};
    for (let i = 0; i < 4; i++) {
      const a = assignLead(input(), rules, ctx({ roundRobin: counter }));
      owners.push(a.ownerId!);
      expect(a.roundRobin?.team).toBe('europe');
      counter = { ...counter, europe: a.roundRobin!.lastIndex };
    }
    expect(owners).toEqual(['anna', 'ben', 'carl', 'anna']);
  });

  it('skips absent team members in the rotation', () => {
    const a = assignLead(input(), rules, ctx({ roundRobin: { europe: 0 }, absences: [away('ben')] }));
    expect(a.ownerId).toBe('carl');
    expect(a.roundRobin).toEqual({ team: 'europe', lastIndex: 2 });
    expect(a.reasons).toContain('ben is away; skipped in team europe');
  });

  it('keeps the same buyer or company with its salesperson', () => {
    const a = assignLead(input({ products: ['LED panel'] }), rules, ctx({ previousOwnerId: 'carl' }));
    expect(a).toMatchObject({ ownerId: 'carl', via: 'sticky', roundRobin: null });
    expect(a.reasons[0]).toBe("Same buyer or company as carl's existing lead");
  });

  it('reassigns when the usual owner is absent: to the delegate, else by the rules', () => {
    const covered = assignLead(
      input(),
      rules,
      ctx({ previousOwnerId: 'carl', absences: [away('carl', 'anna')] }),
    );
    expect(covered).toMatchObject({ ownerId: 'anna', via: 'sticky' });
    expect(covered.reasons).toContain('carl is away until 2026-03-10; anna covers');
    const byRule = assignLead(
      input({ country: 'AE' }),
      rules,
      ctx({ previousOwnerId: 'carl', absences: [away('carl')] }),
    );
    expect(byRule).toMatchObject({ ownerId: 'dina', via: 'rule', rule: 'GCC' });
  });

  it('treats an absence as over at its end', () => {
    const later = ctx({
      now: new Date('2026-03-10T00:00:00Z'),
      previousOwnerId: 'carl',
      absences: [away('carl')],
    });
    expect(assignLead(input(), rules, later).ownerId).toBe('carl');
  });

  it('falls through a rule whose user is away, and to the fallback when nothing matches', () => {
    const a = assignLead(
      input({ products: ['LED strip'], country: 'US' }),
      rules,
      ctx({ absences: [away('lily')] }),
    );
    expect(a.via).toBe('fallback');
    expect(a.ownerId).toBe('anna');
  });

  it('leaves the lead in the pool when nobody is available', () => {
    const noFallback = assignmentSchema.parse({
      rules: [{ when: { countries: ['DE'] }, assignTo: { user: 'lily' } }],
    });
    const a = assignLead(input(), noFallback, ctx({ absences: [away('lily')] }));
    expect(a).toMatchObject({ ownerId: null, via: 'none' });
    expect(a.reasons.at(-1)).toBe('No available salesperson: the lead waits in the shared pool');
    expect(assignLead(input({ country: null }), noFallback, ctx()).ownerId).toBeNull();
  });

  it('can switch the sticky owner rule off', () => {
    const loose = assignmentSchema.parse({ ...rules, stickyOwner: false });
    expect(assignLead(input({ country: 'AE' }), loose, ctx({ previousOwnerId: 'carl' })).ownerId).toBe(
      'dina',
    );
  });
});

describe('assignmentSchema', () => {
  it('names the field and the fix', () => {
    const r = assignmentSchema.safeParse({
      teams: { europe: ['anna'], empty: [] },
      rules: [
        { when: { countries: ['XX'], regions: ['Europa'], sources: ['fax'] }, assignTo: { team: 'asia' } },
        { assignTo: { person: 'lily' } },
      ],
    });
    const lines = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(lines).toContain('teams.empty: a team needs at least one member');
    expect(lines).toContain(
      "rules.0.when.countries.0: 'XX' is not an ISO country code; write e.g. DE, US or AE",
    );
    expect(
      lines.some((l) => l.startsWith("rules.0.when.regions.0: 'Europa' is not a region; use one of EU,")),
    ).toBe(true);
    expect(
      lines.some((l) =>
        l.startsWith("rules.0.when.sources.0: 'fax' is not an inquiry source; use one of inquiry,"),
      ),
    ).toBe(true);
    expect(lines).toContain(
      "rules.1.assignTo: must name a user or a team; write e.g. { user: 'lily' } or { team: 'europe' }",
    );
  });

  it('rejects a rule pointing at an undefined team', () => {
    const r = assignmentSchema.safeParse({
      teams: { europe: ['anna'] },
      rules: [{ assignTo: { team: 'asia' } }],
    });
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      "rules.0.assignTo.team: 'asia' is not a team; define it under teams or use one of europe",
    ]);
  });
});
