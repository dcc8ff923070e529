/**
 * Read-only walks over Handlebars syntax trees: which helpers, partials and variables a template
 * uses. Lint uses them to check a template without running it; rendering uses them to name a
 * missing variable precisely.
 */
import type {} from 'handlebars';

type Node = hbs.AST.Node;
type Expr = hbs.AST.Expression;

/** Helpers every template may call; anything else is rejected when templates are loaded. */
export const VALUE_HELPERS: readonly string[] = ['greeting', 'formatDate', 'list', 'truncate', 'quoted'];
export const BLOCK_HELPERS: readonly string[] = ['if', 'unless', 'each', 'with'];

/**
 * Property names that reach an object's prototype. Handlebars already refuses them at run time
 * (prototype access control is left on); rejecting them at load makes the refusal loud.
 */
export const FORBIDDEN_PROPERTIES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

export function locKey(loc: hbs.AST.SourceLocation): string {
  return `${loc.start.line}:${loc.start.column}`;
}

function isPath(n: Node | undefined): n is hbs.AST.PathExpression {
  return n?.type === 'PathExpression';
}

function children(n: Node): Node[] {
  const out: Node[] = [];
  const add = (x: Node | null | undefined) => {
    if (x !== null && x !== undefined) out.push(x);
  };
  const any = n as unknown as Record<string, unknown>;
  switch (n.type) {
    case 'Program':
      return [...(n as hbs.AST.Program).body];
    case 'MustacheStatement':
    case 'Decorator':
    case 'SubExpression':
    case 'BlockStatement':
    case 'DecoratorBlock':
    case 'PartialStatement':
    case 'PartialBlockStatement':
      add((any['path'] ?? any['name']) as Node);
      for (const p of (any['params'] as Expr[]) ?? []) add(p);
      for (const pair of (any['hash'] as hbs.AST.Hash | undefined)?.pairs ?? []) add(pair.value);
      add(any['program'] as Node);
      add(any['inverse'] as Node);
      return out;
    default:
      return out;
  }
}

/** Visits every node, depth first. */
export function walk(root: Node, visit: (n: Node) => void): void {
  visit(root);
  for (const c of children(root)) walk(c, visit);
}

/** Every path as written (e.g. 'lead.name', '@root.sender'), keyed by its source position. */
export function pathsByLocation(program: hbs.AST.Program): Map<string, string> {
  const out = new Map<string, string>();
  walk(program, (n) => {
    if (isPath(n)) out.set(locKey(n.loc), (n.data ? '@' : '') + n.original);
  });
  return out;
}

export interface HelperCall {
  name: string;
  block: boolean;
  line: number;
}

/** Calls of helpers: mustaches and sub-expressions with arguments, bare known helpers, and blocks. */
export function helperCalls(program: hbs.AST.Program): HelperCall[] {
  const out: HelperCall[] = [];
  walk(program, (n) => {
    if (n.type === 'BlockStatement') {
      const b = n as hbs.AST.BlockStatement;
      out.push({ name: b.path.original, block: true, line: b.loc.start.line });
    } else if (n.type === 'MustacheStatement' || n.type === 'SubExpression') {
      const m = n as hbs.AST.MustacheStatement;
      if (!isPath(m.path)) return;
      const hasArgs = m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0;
      if (hasArgs || n.type === 'SubExpression' || VALUE_HELPERS.includes(m.path.original)) {
        out.push({ name: m.path.original, block: false, line: m.loc.start.line });
      }
    }
  });
  return out;
}

/** Names of the partials a source includes. */
export function partialNames(program: hbs.AST.Program): string[] {
  const out: string[] = [];
  walk(program, (n) => {
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const name = (n as hbs.AST.PartialStatement).name;
      out.push(isPath(name) ? name.original : '(dynamic)');
    }
  });
  return out;
}

/** Paths that step onto a prototype property, e.g. 'constructor.constructor'. */
export function forbiddenPaths(program: hbs.AST.Program): { path: string; line: number }[] {
  const out: { path: string; line: number }[] = [];
  walk(program, (n) => {
    if (isPath(n) && n.parts.some((p) => FORBIDDEN_PROPERTIES.has(p))) {
      out.push({ path: n.original, line: n.loc.start.line });
    }
  });
  return out;
}

/**
 * Paths passed as arguments to helpers (`{{greeting lead}}`, `{{#if quote}}`) in the root
 * context: outside #each and #with bodies, following partials called without a context.
 * Handlebars' strict mode does not check helper arguments, so rendering resolves these against
 * the context first and reports the one that is missing by name.
 */
export function rootArgumentPaths(
  program: hbs.AST.Program,
  partial: (name: string) => hbs.AST.Program | null,
): string[][] {
  const out: string[][] = [];
  const seenPartials = new Set<string>();
  const argument = (e: Expr) => {
    if (isPath(e)) {
      if (e.data && e.parts[0] === 'root' && e.parts.length > 1) out.push(e.parts.slice(1));
      else if (!e.data && e.depth === 0 && e.parts.length > 0 && !e.original.startsWith('this'))
        out.push(e.parts);
    } else if (e.type === 'SubExpression') {
      call(e as hbs.AST.SubExpression);
    }
  };
  const call = (c: { params: Expr[]; hash?: hbs.AST.Hash }) => {
    for (const p of c.params) argument(p);
    for (const pair of c.hash?.pairs ?? []) argument(pair.value);
  };
  const visitProgram = (p: hbs.AST.Program | null | undefined) => {
    for (const s of p?.body ?? []) visitStatement(s);
  };
  const visitStatement = (s: hbs.AST.Statement) => {
    if (s.type === 'MustacheStatement' || s.type === 'SubExpression') {
      call(s as hbs.AST.MustacheStatement);
    } else if (s.type === 'BlockStatement') {
      const b = s as hbs.AST.BlockStatement;
      call(b);
      // #each and #with change the context: their bodies resolve against something else.
      if (b.path.original === 'if' || b.path.original === 'unless') visitProgram(b.program);
      visitProgram(b.inverse);
    } else if (s.type === 'PartialStatement') {
      const ps = s as hbs.AST.PartialStatement;
      if (!isPath(ps.name) || ps.params.length > 0 || seenPartials.has(ps.name.original)) return;
      seenPartials.add(ps.name.original);
      visitProgram(partial(ps.name.original));
    }
  };
  visitProgram(program);
  return out;
}

/** Lines of `{{{triple}}}` / `{{& value}}` mustaches, which print a value without HTML escaping. */
export function unescapedOutputs(program: hbs.AST.Program): { path: string; line: number }[] {
  const out: { path: string; line: number }[] = [];
  walk(program, (n) => {
    if (n.type !== 'MustacheStatement') return;
    const m = n as hbs.AST.MustacheStatement;
    if (!m.escaped)
      out.push({ path: isPath(m.path) ? m.path.original : '(literal)', line: m.loc.start.line });
  });
  return out;
}
