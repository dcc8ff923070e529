import type Handlebars from 'handlebars';
import { handlebars } from '../lazy-packages.ts';
import { pathsByLocation, VALUE_HELPERS } from './ast.ts';
import { registerHelpers } from './helpers.ts';
import type { CompiledSource, RenderMode } from './types.ts';

/**
 * Two private Handlebars environments (never the global one, so no other code can add helpers or
 * partials to ours): one for HTML, which escapes every value, and one for plain text and
 * subjects, which does not. Both compile in strict mode, so a variable missing from the context
 * is an error instead of an empty string. Prototype access control stays at its default (off
 * for everything not explicitly allowed), so `{{constructor.constructor}}` resolves to nothing.
 */
export interface TemplateEngine {
  html: typeof Handlebars;
  text: typeof Handlebars;
}

export function createEngine(): TemplateEngine {
  const html = handlebars().create();
  const text = handlebars().create();
  registerHelpers(html, 'html');
  registerHelpers(text, 'text');
  return { html, text };
}

const knownHelpers: Record<string, boolean> = {
  ...Object.fromEntries([...VALUE_HELPERS, 'if', 'unless', 'each', 'with'].map((h) => [h, true])),
  log: false,
  lookup: false,
};

/** Parses (throws on syntax errors) and compiles one source for one mode. */
export function compileSource(
  engine: TemplateEngine,
  mode: RenderMode,
  file: string,
  source: string,
): CompiledSource {
  const env = engine[mode];
  const ast = env.parse(source, { srcName: file });
  const render = env.compile(ast, {
    strict: true,
    noEscape: mode === 'text',
    knownHelpers,
    knownHelpersOnly: true,
  });
  return { file, source, ast, render, pathsAt: pathsByLocation(ast) };
}
