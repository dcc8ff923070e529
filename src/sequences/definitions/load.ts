import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { TrademailError } from '../../errors.ts';
import { cumulativeSchedule } from './cadence.ts';
import type { SequenceProblem } from './problems.ts';
import { formatProblem, problemFromIssue } from './problems.ts';
import type { SequenceDefinition } from './schema.ts';
import { sequenceFileSchema, toDefinition } from './schema.ts';

export interface LoadSequencesOptions {
  /** Template names that exist; when given, a step naming another template is an error. */
  knownTemplates?: Iterable<string>;
}

/** Parses and validates one file's text. Problems are returned, not thrown, so a folder reports all at once. */
export function parseSequenceFile(
  text: string,
  file: string,
  options: LoadSequencesOptions = {},
): { definition: SequenceDefinition | null; problems: SequenceProblem[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      definition: null,
      problems: doc.errors.map((e) => ({
        file,
        field: '',
        message: `is not valid YAML: ${(e.message.split('\n')[0] ?? '').replace(/:$/, '')}`,
        fix: 'correct the YAML syntax at the line shown (indentation, colons, quotes)',
      })),
    };
  }
  const raw: unknown = doc.toJS();
  const parsed = sequenceFileSchema.safeParse(raw);
  if (!parsed.success) {
    return { definition: null, problems: parsed.error.issues.map((i) => problemFromIssue(file, raw, i)) };
  }
  const definition = toDefinition(parsed.data, file);
  return { definition, problems: semanticProblems(definition, file, options) };
}

function semanticProblems(
  def: SequenceDefinition,
  file: string,
  options: LoadSequencesOptions,
): SequenceProblem[] {
  const problems: SequenceProblem[] = [];
  const seen = new Map<string, number>();
  def.steps.forEach((s, i) => {
    const first = seen.get(s.id);
    if (first !== undefined) {
      problems.push({
        file,
        field: `steps[${i}].id`,
        message: `"${s.id}" is already used by steps[${first}]`,
        fix: 'give every step its own id; the engine records sends per step id',
      });
    } else {
      seen.set(s.id, i);
    }
  });
  if (options.knownTemplates !== undefined) {
    const known = new Set(options.knownTemplates);
    def.steps.forEach((s, i) => {
      if (!known.has(s.template)) {
        problems.push({
          file,
          field: `steps[${i}].template`,
          message: `template "${s.template}" does not exist`,
          fix: `create templates/${s.template}/ or use one of: ${[...known].sort().join(', ')}`,
        });
      }
    });
  }
  const schedule = cumulativeSchedule(def);
  const last = schedule[schedule.length - 1]!;
  if (last.fromDay >= def.maxAgeDays) {
    problems.push({
      file,
      field: 'maxAgeDays',
      message: `${def.maxAgeDays} days ends every enrollment before step "${last.id}" (planned from day ${last.fromDay})`,
      fix: `raise maxAgeDays above ${Math.ceil(last.toDay)}`,
    });
  }
  return problems;
}

/**
 * Reads every *.yaml / *.yml file in `dir` as a sequence definition. All problems of all files are
 * collected and thrown together as one SEQUENCE_INVALID error whose message has one line per
 * problem (file, field, what is wrong, how to fix it); `details.problems` holds them as data.
 */
export function loadSequences(dir: string, options: LoadSequencesOptions = {}): SequenceDefinition[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TrademailError('NOT_FOUND', `sequence folder ${dir} does not exist`, { details: { dir } });
  }
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort();
  // An iterator (e.g. a Map's keys()) can be read only once; every file needs it.
  const known = options.knownTemplates === undefined ? {} : { knownTemplates: [...options.knownTemplates] };
  const definitions: SequenceDefinition[] = [];
  const problems: SequenceProblem[] = [];
  const byName = new Map<string, string>();
  for (const f of files) {
    const file = path.join(dir, f);
    const result = parseSequenceFile(readFileSync(file, 'utf8'), file, known);
    problems.push(...result.problems);
    if (result.definition === null) continue;
    const other = byName.get(result.definition.name);
    if (other !== undefined) {
      problems.push({
        file,
        field: 'name',
        message: `"${result.definition.name}" is also the name of ${other}`,
        fix: 'give each sequence a unique name',
      });
    }
    byName.set(result.definition.name, file);
    definitions.push(result.definition);
  }
  if (problems.length > 0) {
    throw new TrademailError(
      'SEQUENCE_INVALID',
      `${problems.length} problem(s) in sequence definitions:\n${problems.map(formatProblem).join('\n')}`,
      { details: { problems } },
    );
  }
  return definitions;
}
