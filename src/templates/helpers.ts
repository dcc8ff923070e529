/**
 * The helpers templates may call. They only format data; none can reach the file system, the
 * network or the process, and none executes text coming from a mail.
 */
import type Handlebars from 'handlebars';
import { TrademailError } from '../errors.ts';
import { toLf } from '../mail/line-breaks.ts';
import type { DateStyle } from './format.ts';
import { DATE_STYLES, formatDate, formatList, toDate, truncate } from './format.ts';
import type { GreetingPerson } from './greeting.ts';
import { greetingFor } from './greeting.ts';
import type { RenderMode } from './types.ts';

type Env = typeof Handlebars;

/** The per-render values helpers read from `@data`. */
export interface RenderData {
  lang: string;
  locale: string;
  timeZone: string;
  /** 'name/lang', for error messages */
  template: string;
}

interface Options {
  hash: Record<string, unknown>;
  data: RenderData;
  fn?: unknown;
}

function missing(helper: string, options: Options): never {
  throw new TrademailError(
    'TEMPLATE_MISSING_VARIABLE',
    `template ${options.data.template}: helper "${helper}" was given a variable that is not in the context`,
    { details: { template: options.data.template, helper } },
  );
}

function failed(helper: string, options: Options, why: string): never {
  throw new TrademailError(
    'TEMPLATE_RENDER_FAILED',
    `template ${options.data.template}: {{${helper}}}: ${why}`,
    {
      details: { template: options.data.template, helper },
    },
  );
}

/** Handlebars passes `options` last; helpers called with fewer arguments see it earlier. */
function split(args: unknown[]): { values: unknown[]; options: Options } {
  return { values: args.slice(0, -1), options: args[args.length - 1] as Options };
}

function greeting(...args: unknown[]): string {
  const { values, options } = split(args);
  const person = values[0];
  if (person === undefined) missing('greeting', options);
  if (person !== null && typeof person !== 'object')
    failed('greeting', options, 'expects a person, e.g. {{greeting lead}}');
  return greetingFor(person as GreetingPerson | null, options.data.lang);
}

function formatDateHelper(...args: unknown[]): string {
  const { values, options } = split(args);
  const [value, style = 'date'] = values;
  if (value === undefined) missing('formatDate', options);
  if (!DATE_STYLES.includes(style as DateStyle)) {
    failed('formatDate', options, `style "${String(style)}" is not one of ${DATE_STYLES.join(', ')}`);
  }
  const date = toDate(value, `template ${options.data.template}: {{formatDate}}`);
  return formatDate(date, style as DateStyle, options.data.locale, options.data.timeZone);
}

function list(...args: unknown[]): string {
  const { values, options } = split(args);
  const items = values[0];
  if (items === undefined) missing('list', options);
  if (items !== null && !Array.isArray(items))
    failed('list', options, 'expects a list, e.g. {{list products}}');
  const { max, fallback } = options.hash;
  let names = ((items as unknown[] | null) ?? [])
    .filter((x) => x !== null && x !== undefined && String(x).trim() !== '')
    .map((x) => String(x).trim());
  if (typeof max === 'number') names = names.slice(0, Math.max(1, max));
  if (names.length > 0) return formatList(names, options.data.locale);
  if (typeof fallback === 'string' && fallback.trim() !== '') return fallback;
  return failed('list', options, 'the list is empty and no fallback="..." was given');
}

function truncateHelper(...args: unknown[]): string {
  const { values, options } = split(args);
  const [text, max] = values;
  if (text === undefined) missing('truncate', options);
  if (typeof max !== 'number' || max < 1)
    failed('truncate', options, 'expects a length, e.g. {{truncate lead.company 20}}');
  return text === null ? '' : truncate(String(text), max);
}

/** Quoting the buyer's original text: '> ' lines in plain text, escaped lines in HTML. */
function quotedFor(env: Env, mode: RenderMode) {
  return (...args: unknown[]) => {
    const { values, options } = split(args);
    const text = values[0];
    if (text === undefined) missing('quoted', options);
    const lines = text === null ? [] : toLf(String(text)).split('\n');
    if (mode === 'text') return lines.map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
    return new env.SafeString(lines.map((l) => env.escapeExpression(l)).join('<br>\n'));
  };
}

/**
 * Registers our helpers, and wraps the built-in block helpers so that a condition on a variable
 * the context lacks fails like any other missing variable (Handlebars' strict mode leaves helper
 * arguments unchecked). `log` and `lookup` are removed: templates have no use for them.
 */
export function registerHelpers(env: Env, mode: RenderMode): void {
  for (const name of ['if', 'unless', 'each', 'with'] as const) {
    const original = env.helpers[name]!;
    env.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const { values, options } = split(args);
      if (values[0] === undefined) missing(`#${name}`, options);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    });
  }
  env.unregisterHelper('log');
  env.unregisterHelper('lookup');
  env.registerHelper('greeting', greeting);
  env.registerHelper('formatDate', formatDateHelper);
  env.registerHelper('list', list);
  env.registerHelper('truncate', truncateHelper);
  env.registerHelper('quoted', quotedFor(env, mode));
}
