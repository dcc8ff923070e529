import type { z } from 'zod';

/** One thing wrong with a sequence file, phrased for the person who edits it. */
export interface SequenceProblem {
  file: string;
  /** Dotted path into the YAML, e.g. 'steps[1].delay.maxDays'; '' for the whole file. */
  field: string;
  message: string;
  fix: string;
}

/** Fields allowed in each YAML object, keyed by path pattern (indexes written as []). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  '': ['name', 'description', 'stopOn', 'maxAgeDays', 'steps'],
  stopOn: ['reply', 'company_reply'],
  'steps[]': ['id', 'delay', 'template', 'condition'],
  'steps[].delay': ['minDays', 'maxDays', 'minHours', 'maxHours'],
  'steps[].condition': ['grade', 'tier', 'noReplySinceStep'],
};

const FIXES: Readonly<Record<string, string>> = {
  '': 'write a YAML mapping with name, maxAgeDays and steps',
  name: 'use lower-case letters, digits and dashes, e.g. name: prospecting',
  description: 'write one line of text, e.g. description: First mail and four follow-ups',
  stopOn: 'write stopOn: { reply: true, company_reply: true }',
  'stopOn.reply': 'write true or false',
  'stopOn.company_reply': 'write true or false',
  maxAgeDays: 'write a whole number of days of at least 1, e.g. maxAgeDays: 45',
  steps:
    'list at least one step, e.g. steps: [{ id: first, delay: { minDays: 0, maxDays: 0 }, template: prospecting-first }]',
  'steps[]': 'write the step as { id, delay, template } with an optional condition',
  'steps[].id': 'use lower-case letters, digits and dashes, unique in the file, e.g. id: followup-1',
  'steps[].delay': 'write either { minDays: 1, maxDays: 2 } or { minHours: 0, maxHours: 48 } with min <= max',
  'steps[].delay.minDays': 'write a whole number of days >= 0, not above maxDays',
  'steps[].delay.maxDays': 'write a whole number of days >= minDays (at most 365)',
  'steps[].delay.minHours': 'write a whole number of hours >= 0, not above maxHours',
  'steps[].delay.maxHours': 'write a whole number of hours >= minHours (at most 8760)',
  'steps[].template': 'name a template folder under templates/, e.g. template: prospecting-followup-1',
  'steps[].condition': 'write any of grade: [A, B], tier: [A], noReplySinceStep: true',
  'steps[].condition.grade': 'list one or more grades, e.g. grade: [A, B]',
  'steps[].condition.grade[]': 'use the grades A, B, C or D',
  'steps[].condition.tier': 'list one or more customer tiers, e.g. tier: [A]',
  'steps[].condition.tier[]': 'use the tiers A, B or C',
  'steps[].condition.noReplySinceStep': 'write noReplySinceStep: true, or leave the field out',
};

export function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

function pattern(path: readonly PropertyKey[]): string {
  return fieldName(path.map((p) => (typeof p === 'number' ? 0 : p))).replaceAll('[0]', '[]');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Suggests the allowed key a misspelt one was probably meant to be ("companyReply" -> "company_reply"). */
function suggestion(key: string, allowed: readonly string[]): string {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const hit = allowed.find((a) => norm(a) === norm(key));
  return hit === undefined ? '' : ` (did you mean "${hit}"?)`;
}

/** Turns one zod issue into a problem that names the field and the fix. */
export function problemFromIssue(file: string, root: unknown, issue: z.core.$ZodIssue): SequenceProblem {
  const field = fieldName(issue.path);
  const pat = pattern(issue.path);
  const value = valueAt(root, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = ALLOWED[pat] ?? [];
      const keys = issue.keys.map((k) => `"${k}"${suggestion(k, allowed)}`).join(', ');
      return {
        file,
        field,
        message: `unknown field ${keys}`,
        fix: `remove it; the fields allowed here are ${allowed.join(', ')}`,
      };
    }
    case 'invalid_type':
      return {
        file,
        field,
        message:
          value === undefined ? 'is missing' : `must be ${issue.expected}, not ${describeValue(value)}`,
        fix: FIXES[pat] ?? `write a value of type ${issue.expected}`,
      };
    case 'invalid_value':
      return {
        file,
        field,
        message: `${describeValue(value)} is not allowed`,
        fix: FIXES[pat] ?? `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'too_small':
      return {
        file,
        field,
        message:
          issue.origin === 'array'
            ? `must list at least ${issue.minimum} item(s)`
            : `${describeValue(value)} is below ${issue.minimum}`,
        fix: FIXES[pat] ?? `use at least ${issue.minimum}`,
      };
    case 'invalid_format':
      return {
        file,
        field,
        message: `${describeValue(value)} has the wrong format`,
        fix: FIXES[pat] ?? 'fix the value',
      };
    default:
      return { file, field, message: issue.message, fix: FIXES[pat] ?? 'fix the value' };
  }
}

/** One line per problem: "file: field: message; fix: ...". */
export function formatProblem(p: SequenceProblem): string {
  return `${p.file}: ${p.field === '' ? '(file)' : p.field}: ${p.message}; fix: ${p.fix}`;
}
