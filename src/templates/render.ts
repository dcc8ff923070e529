import type { TemplateDelegate } from 'handlebars';
import { isTrademailError, TrademailError } from '../errors.ts';
import { resolveTimeZone } from '../sequences/timing/zone.ts';
import { rootArgumentPaths } from './ast.ts';
import type { BuyerMailContext, InternalMailContext } from './context.ts';
import type { RenderData } from './helpers.ts';
import { localeFor } from './languages.ts';
import { lintBody, lintSubject } from './lint.ts';
import type {
  CompiledSource,
  LintProblem,
  PartialLibrary,
  RenderedMail,
  RenderMode,
  TemplateDefinition,
  TemplatePart,
  TemplateSet,
  TemplateVariant,
} from './types.ts';
import { buildListUnsubscribeHeaders } from './unsubscribe.ts';

/** The data a template renders with; see context.ts for the documented shapes. */
export type TemplateContext = BuyerMailContext | InternalMailContext | Readonly<Record<string, unknown>>;

export interface RenderOptions {
  /** Zone for dates; default: the audience's own zone, else its country's (lead, or recipient for internal mail). */
  timeZone?: string;
}

/** Stands in for the signature when checking how the body ends. */
const SIGNATURE_MARK = '\u0000signature\u0000';

/** The partials a language sees: its own overrides on top of the shared ones. */
export function partialsFor(
  lib: PartialLibrary,
  lang: string,
  mode: RenderMode,
): Map<string, CompiledSource> {
  const out = new Map<string, CompiledSource>();
  for (const source of [lib.common, lib.byLanguage.get(lang)]) {
    for (const [name, p] of source ?? []) {
      const compiled = p[mode];
      if (compiled !== null) out.set(name, compiled);
    }
  }
  return out;
}

function field(obj: unknown, key: string): string | null {
  if (obj === null || typeof obj !== 'object' || !Object.hasOwn(obj, key)) return null;
  const v = (obj as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/**
 * The first argument path (e.g. ['quote', 'sentAt']) the context cannot satisfy: a key that is
 * absent, or a key under a null object (Handlebars would fail on it with a TypeError; the
 * template should test the object first, `{{#if quote}}`).
 */
function missingArgument(paths: string[][], context: TemplateContext): { path: string; why: string } | null {
  for (const parts of paths) {
    let v: unknown = context as unknown;
    for (let i = 0; i < parts.length; i++) {
      const path = parts.slice(0, i + 1).join('.');
      if (v === null) return { path: parts.join('.'), why: `${parts.slice(0, i).join('.')} is null` };
      if (typeof v !== 'object' || !Object.hasOwn(v, parts[i]!)) return { path, why: 'absent' };
      v = (v as Record<string, unknown>)[parts[i]!];
      if (v === undefined) return { path, why: 'undefined' };
    }
  }
  return null;
}

function missingVariable(
  where: string,
  part: TemplatePart,
  variable: string,
  file: string,
  why = '',
): TrademailError {
  return new TrademailError(
    'TEMPLATE_MISSING_VARIABLE',
    `template ${where} (${part}): {{${variable}}} is not in the context${why === '' ? '' : ` (${why})`}; add it to the data or remove it from ${file}`,
    { details: { template: where, part, variable, file } },
  );
}

/**
 * Handlebars reports a strict-mode miss as an Error reading `"name" not defined in ...` with the
 * source position; the position finds the full path (lead.name) in the source or a partial.
 */
function toTemplateError(
  err: unknown,
  src: CompiledSource,
  partials: Iterable<CompiledSource>,
  where: string,
  part: TemplatePart,
) {
  if (isTrademailError(err)) return err;
  const e = err as { message?: unknown; lineNumber?: unknown; column?: unknown };
  const m = typeof e.message === 'string' ? /^"([^"]+)" not defined in /.exec(e.message) : null;
  if (m !== null && typeof e.lineNumber === 'number' && typeof e.column === 'number') {
    const key = `${e.lineNumber}:${e.column}`;
    for (const s of [src, ...partials]) {
      const path = s.pathsAt.get(key);
      if (path?.split('.').includes(m[1]!)) return missingVariable(where, part, path, s.file);
    }
    return missingVariable(where, part, m[1]!, src.file);
  }
  return new TrademailError(
    'TEMPLATE_RENDER_FAILED',
    `template ${where} (${part}) failed to render: ${String(e.message)}`,
    {
      cause: err,
      details: { template: where, part, file: src.file },
    },
  );
}

export interface VariantRender {
  mail: RenderedMail;
  problems: LintProblem[];
}

/**
 * Renders one variant and lints the result. Missing variables and render failures throw; lint
 * problems (errors and warnings) are returned for the caller to act on.
 */
export function renderVariant(
  partialLib: PartialLibrary,
  def: TemplateDefinition,
  variant: TemplateVariant,
  context: TemplateContext,
  options: RenderOptions,
  phase: 'load' | 'render',
): VariantRender {
  const lang = variant.lang;
  const where = `${def.name}/${lang}`;
  const values = context as Readonly<Record<string, unknown>>;
  const audience = values[def.meta.kind === 'internal' ? 'recipient' : 'lead'];
  const country = field(audience, 'country');
  const data: RenderData = {
    lang,
    locale: localeFor(lang, country),
    timeZone: options.timeZone ?? resolveTimeZone({ country, timeZone: field(audience, 'timeZone') }),
    template: where,
  };
  const partials = {
    html: partialsFor(partialLib, lang, 'html'),
    text: partialsFor(partialLib, lang, 'text'),
  };
  const fns = (mode: RenderMode): Record<string, TemplateDelegate> =>
    Object.fromEntries([...partials[mode]].map(([n, s]) => [n, s.render]));

  const run = (
    part: TemplatePart,
    src: CompiledSource,
    mode: RenderMode,
    override?: Record<string, TemplateDelegate>,
  ) => {
    const lookup = (name: string) => partials[mode].get(name)?.ast ?? null;
    const absent = missingArgument(rootArgumentPaths(src.ast, lookup), context);
    if (absent !== null)
      throw missingVariable(where, part, absent.path, src.file, absent.why === 'absent' ? '' : absent.why);
    try {
      return src.render(context, { data, partials: { ...fns(mode), ...override } }) as string;
    } catch (err) {
      throw toTemplateError(err, src, partials[mode].values(), where, part);
    }
  };

  // Newlines in a subject would start a new header field: a rendered subject is one line.
  const subject = run('subject', variant.subject, 'text').replace(/\s+/g, ' ').trim();
  const html = run('html', variant.html, 'html');
  const text = `${run('text', variant.text, 'text')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  const probe = run('text', variant.text, 'text', { signature: () => SIGNATURE_MARK });

  let headers: Record<string, string> = {};
  if (def.meta.kind === 'prospecting') {
    const target = values['unsubscribe'];
    if (target === undefined || target === null)
      throw missingVariable(where, 'text', 'unsubscribe', 'template.yaml');
    headers = { ...buildListUnsubscribeHeaders(target as { mailto: string; url: string }) };
  }
  const at = { template: def.name, lang };
  const problems = [
    ...lintSubject(subject, def.meta, at, phase),
    ...lintBody(probe.split(SIGNATURE_MARK)[0]!, def.meta, at),
  ];
  return {
    mail: { subject, html, text, headers, lang, warnings: problems.filter((p) => p.severity === 'warning') },
    problems,
  };
}

/** Lists problems one per line, for error messages. */
export function describeProblems(problems: readonly LintProblem[]): string {
  return problems
    .map(
      (p) =>
        `${p.severity} ${p.code} ${p.template}${p.lang === null ? '' : `/${p.lang}`}${p.part === null ? '' : ` (${p.part})`}: ${p.message}`,
    )
    .join('\n');
}

/**
 * Renders a template for sending. Lint errors on the result (a subject over 50 characters, in
 * capitals, ...) throw TEMPLATE_INVALID so the mail is not sent; warnings come back with the mail.
 */
export function renderTemplate(
  set: TemplateSet,
  name: string,
  lang: string,
  context: TemplateContext,
  options: RenderOptions = {},
): RenderedMail {
  const def = set.templates.get(name);
  if (def === undefined) {
    throw new TrademailError(
      'NOT_FOUND',
      `template "${name}" does not exist in ${set.dir}; known: ${[...set.templates.keys()].sort().join(', ')}`,
      { details: { template: name } },
    );
  }
  const variant = def.variants.get(lang);
  if (variant === undefined) {
    throw new TrademailError(
      'NOT_FOUND',
      `template "${name}" has no "${lang}" variant (has ${[...def.variants.keys()].sort().join(', ')}); choose with selectLanguage()`,
      { details: { template: name, lang } },
    );
  }
  const { mail, problems } = renderVariant(set.partials, def, variant, context, options, 'render');
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new TrademailError(
      'TEMPLATE_INVALID',
      `template ${name}/${lang} cannot be sent:\n${describeProblems(errors)}`,
      {
        details: { problems: errors },
      },
    );
  }
  return mail;
}

/** The languages a template exists in (empty for an unknown template), for selectLanguage(). */
export function templateLanguages(set: TemplateSet, name: string): string[] {
  return [...(set.templates.get(name)?.variants.keys() ?? [])].sort();
}
