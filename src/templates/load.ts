import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { TrademailError } from '../errors.ts';
import { checkPartials, checkVariant } from './check.ts';
import { SAMPLE_CONTEXT } from './context.ts';
import type { TemplateEngine } from './engine.ts';
import { compileSource, createEngine } from './engine.ts';
import { DEFAULT_LANGUAGE } from './languages.ts';
import type { TemplateContext } from './render.ts';
import { describeProblems } from './render.ts';
import type {
  CompiledSource,
  LintProblem,
  PartialLibrary,
  PartialSources,
  RenderMode,
  TemplateDefinition,
  TemplateMeta,
  TemplateSet,
  TemplateVariant,
} from './types.ts';
import { TEMPLATE_KINDS } from './types.ts';

export interface LoadTemplatesOptions {
  /** Data every template is test-rendered with at load; default SAMPLE_CONTEXT. */
  sampleContext?: TemplateContext;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const LANG = /^[a-z]{2}$/;
const PARTIAL_FILE = /^([a-z0-9][a-z0-9-]*)\.(html|txt)\.hbs$/;

const metaSchema = z.strictObject({
  kind: z.enum(TEMPLATE_KINDS),
  urgent: z.boolean().optional(),
  description: z.string().optional(),
});

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

function readOptional(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** Compiles or records a SYNTAX problem and returns null. */
function compileOrReport(
  engine: TemplateEngine,
  mode: RenderMode,
  file: string,
  source: string,
  report: (message: string) => void,
): CompiledSource | null {
  try {
    return compileSource(engine, mode, file, source);
  } catch (err) {
    report(`${file}: ${err instanceof Error ? err.message.split('\n').slice(0, 3).join(' ') : String(err)}`);
    return null;
  }
}

function loadPartials(dir: string, engine: TemplateEngine, problems: LintProblem[]): PartialLibrary {
  const readFolder = (folder: string, lang: string | null): Map<string, PartialSources> => {
    const out = new Map<string, PartialSources>();
    if (!isDir(folder)) return out;
    for (const f of readdirSync(folder).sort()) {
      const m = PARTIAL_FILE.exec(f);
      if (m === null) continue;
      const [, name, ext] = m as unknown as [string, string, 'html' | 'txt'];
      const mode: RenderMode = ext === 'html' ? 'html' : 'text';
      const rel = path.join('_partials', lang ?? '', f);
      const compiled = compileOrReport(
        engine,
        mode,
        rel,
        readFileSync(path.join(folder, f), 'utf8'),
        (message) =>
          problems.push({
            code: 'SYNTAX',
            severity: 'error',
            template: '_partials',
            lang,
            part: mode,
            message,
          }),
      );
      const entry = out.get(name) ?? { html: null, text: null };
      entry[mode] = compiled;
      out.set(name, entry);
    }
    return out;
  };
  const root = path.join(dir, '_partials');
  const byLanguage = new Map<string, Map<string, PartialSources>>();
  if (isDir(root)) {
    for (const entry of readdirSync(root).sort()) {
      if (LANG.test(entry) && isDir(path.join(root, entry)))
        byLanguage.set(entry, readFolder(path.join(root, entry), entry));
    }
  }
  return { common: readFolder(root, null), byLanguage };
}

function loadMeta(dir: string, name: string, problems: LintProblem[]): TemplateMeta | null {
  const file = path.join(dir, name, 'template.yaml');
  const base = { template: name, lang: null, part: null } as const;
  const text = readOptional(file);
  if (text === null) {
    problems.push({
      ...base,
      code: 'MISSING_META',
      severity: 'error',
      message: `${file} is missing (kind: prospecting | followup | internal)`,
    });
    return null;
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    problems.push({
      ...base,
      code: 'INVALID_META',
      severity: 'error',
      message: `${file}: ${(err as Error).message.split('\n')[0]}`,
    });
    return null;
  }
  const parsed = metaSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.') || '(file)';
      problems.push({
        ...base,
        code: 'INVALID_META',
        severity: 'error',
        message: `${file}: ${field}: ${issue.message}; allowed fields: kind (${TEMPLATE_KINDS.join(' | ')}), urgent (true/false), description`,
      });
    }
    return null;
  }
  return {
    kind: parsed.data.kind,
    urgent: parsed.data.urgent ?? false,
    description: parsed.data.description ?? '',
  };
}

function loadTemplate(
  dir: string,
  name: string,
  engine: TemplateEngine,
  problems: LintProblem[],
): TemplateDefinition | null {
  const meta = loadMeta(dir, name, problems);
  const variants = new Map<string, TemplateVariant>();
  for (const lang of readdirSync(path.join(dir, name)).sort()) {
    const folder = path.join(dir, name, lang);
    if (!isDir(folder)) continue;
    const at = { template: name, lang };
    if (!LANG.test(lang)) {
      problems.push({
        ...at,
        lang: null,
        part: null,
        code: 'INVALID_NAME',
        severity: 'error',
        message: `language folder "${lang}" must be a two-letter code such as en, zh, es`,
      });
      continue;
    }
    const compile = (file: string, mode: RenderMode, part: 'subject' | 'html' | 'text') => {
      const source = readOptional(path.join(folder, file));
      if (source === null) return null;
      return compileOrReport(engine, mode, path.join(name, lang, file), source, (message) =>
        problems.push({ ...at, part, code: 'SYNTAX', severity: 'error', message }),
      );
    };
    const subjectSource = readOptional(path.join(folder, 'subject.hbs'));
    if (subjectSource?.trim().includes('\n')) {
      problems.push({
        ...at,
        part: 'subject',
        code: 'SUBJECT_MULTILINE',
        severity: 'error',
        message: 'subject.hbs must be a single line',
      });
    }
    const subject = compile('subject.hbs', 'text', 'subject');
    const html = compile('body.html.hbs', 'html', 'html');
    const text = compile('body.txt.hbs', 'text', 'text');
    const parts = [
      ['subject', subject, 'MISSING_SUBJECT', 'subject.hbs'],
      ['html', html, 'MISSING_HTML_PART', 'body.html.hbs'],
      ['text', text, 'MISSING_TEXT_PART', 'body.txt.hbs'],
    ] as const;
    for (const [part, compiled, code, file] of parts) {
      // A file that exists but failed to compile was already reported as SYNTAX.
      if (compiled === null && !existsSync(path.join(folder, file))) {
        const why = part === 'text' ? ' (every mail needs a plain-text part)' : '';
        problems.push({
          ...at,
          part,
          code,
          severity: 'error',
          message: `${name}/${lang}/${file} is missing${why}`,
        });
      }
    }
    if (subject !== null && html !== null && text !== null) variants.set(lang, { lang, subject, html, text });
  }
  if (meta === null) return null;
  if (!isDir(path.join(dir, name, DEFAULT_LANGUAGE))) {
    problems.push({
      template: name,
      lang: null,
      part: null,
      code: 'MISSING_DEFAULT_LANGUAGE',
      severity: 'error',
      message: `templates/${name}/${DEFAULT_LANGUAGE}/ is missing; every template needs the default language`,
    });
  }
  return { name, meta, variants };
}

/**
 * Loads a templates folder (layout in templates/README.md): compiles every part and partial in a
 * private Handlebars environment, lints them, and test-renders each language with sample data.
 * Any error throws TEMPLATE_INVALID listing every problem (`details.problems`); warnings are kept
 * on the returned set.
 */
export function loadTemplates(dir: string, options: LoadTemplatesOptions = {}): TemplateSet {
  if (!isDir(dir))
    throw new TrademailError('NOT_FOUND', `templates folder ${dir} does not exist`, { details: { dir } });
  const engine = createEngine();
  const problems: LintProblem[] = [];
  const partials = loadPartials(dir, engine, problems);
  problems.push(...checkPartials(partials));
  const templates = new Map<string, TemplateDefinition>();
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('_') || entry.startsWith('.') || !isDir(path.join(dir, entry))) continue;
    if (!NAME.test(entry)) {
      problems.push({
        template: entry,
        lang: null,
        part: null,
        code: 'INVALID_NAME',
        severity: 'error',
        message: `template folder "${entry}" must use lower-case letters, digits and dashes`,
      });
      continue;
    }
    const def = loadTemplate(dir, entry, engine, problems);
    if (def !== null) templates.set(entry, def);
  }
  const sample = options.sampleContext ?? SAMPLE_CONTEXT;
  for (const def of templates.values()) {
    for (const variant of def.variants.values())
      problems.push(...checkVariant(partials, def, variant, sample));
  }
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new TrademailError(
      'TEMPLATE_INVALID',
      `${errors.length} problem(s) in templates at ${dir}:\n${describeProblems(errors)}`,
      {
        details: { problems: errors },
      },
    );
  }
  return { dir, templates, partials, warnings: problems.filter((p) => p.severity === 'warning') };
}
