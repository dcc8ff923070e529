import { isTrademailError } from '../errors.ts';
import { lintStructure, lintTree } from './lint.ts';
import type { TemplateContext } from './render.ts';
import { renderVariant } from './render.ts';
import type {
  LintProblem,
  PartialLibrary,
  TemplateDefinition,
  TemplateSet,
  TemplateVariant,
} from './types.ts';

/** True when `name` is a partial visible to `lang`. */
export function partialVisible(lib: PartialLibrary, lang: string, name: string): boolean {
  return lib.common.has(name) || (lib.byLanguage.get(lang)?.has(name) ?? false);
}

/**
 * Lints one language variant: its structure, then a render with sample data (a missing variable or
 * a failing helper becomes an error problem instead of an exception).
 */
export function checkVariant(
  lib: PartialLibrary,
  def: TemplateDefinition,
  variant: TemplateVariant,
  sample: TemplateContext,
): LintProblem[] {
  const where = { template: def.name, lang: variant.lang };
  const structure = lintStructure(
    { subject: variant.subject.ast, html: variant.html.ast, text: variant.text.ast },
    def.meta,
    where,
    (name) => partialVisible(lib, variant.lang, name),
  );
  if (structure.some((p) => p.severity === 'error')) return structure;
  try {
    return [...structure, ...renderVariant(lib, def, variant, sample, {}, 'load').problems];
  } catch (err) {
    const missing = isTrademailError(err, 'TEMPLATE_MISSING_VARIABLE');
    return [
      ...structure,
      {
        code: missing ? 'MISSING_VARIABLE' : 'RENDER_FAILED',
        severity: 'error',
        template: def.name,
        lang: variant.lang,
        part: null,
        message: err instanceof Error ? err.message : String(err),
      },
    ];
  }
}

/** Lints the partials themselves (prototype paths, unknown helpers, unknown nested partials). */
export function checkPartials(lib: PartialLibrary): LintProblem[] {
  const out: LintProblem[] = [];
  const scopes: [string | null, PartialLibrary['common']][] = [[null, lib.common], ...lib.byLanguage];
  for (const [lang, partials] of scopes) {
    for (const [name, p] of partials) {
      for (const [mode, src] of [
        ['html', p.html],
        ['text', p.text],
      ] as const) {
        if (src === null) continue;
        const visible = (n: string) => (lang === null ? lib.common.has(n) : partialVisible(lib, lang, n));
        for (const problem of lintTree(src.ast, { template: '_partials', lang }, mode, visible)) {
          out.push({ ...problem, message: `${name}: ${problem.message}` });
        }
      }
    }
  }
  return out;
}

/**
 * Lints every template of a set against a sample context (e.g. a real lead, to preview what a
 * campaign would send). Returns errors and warnings; throws nothing for template problems.
 */
export function lintTemplates(set: TemplateSet, sampleContext: TemplateContext): LintProblem[] {
  const out = checkPartials(set.partials);
  for (const def of set.templates.values()) {
    for (const variant of def.variants.values())
      out.push(...checkVariant(set.partials, def, variant, sampleContext));
  }
  return out;
}
