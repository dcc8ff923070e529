/**
 * With the i and u flags together V8's regexp engine runs \b on a slow path: the opt-out footer
 * pattern took 45 times as long with \b as with (?<!\w) on 5 KB inquiries, and was the most
 * expensive single pattern of understanding one. Under those flags \w in a lookaround matches
 * the same characters \b looks at (ſ and K included), so `(?<!\w)` before a word and `(?!\w)`
 * after one mean the same and stay fast. This keeps \b out of such patterns in src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');

/** True when a regexp source holds a \b escape (not an escaped backslash followed by b). */
function hasWordBoundary(source: string): boolean {
  for (let i = 0; i < source.length - 1; i++) {
    if (source[i] !== '\\') continue;
    if (source[i + 1] === 'b') return true;
    i++; // skip the escaped character
  }
  return false;
}

const slowFlags = (flags: string) => flags.includes('i') && flags.includes('u');

/** Regexp sources in `code` that have both flags and a \b, as `file:line`. */
function slowPatterns(file: string, code: string): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node) =>
    found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
  const patternText = (node: ts.Expression): string | null => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'String.raw') {
      const t = node.template;
      return ts.isNoSubstitutionTemplateLiteral(t)
        ? (t.rawText ?? '')
        : [t.head.rawText ?? '', ...t.templateSpans.map((s) => s.literal.rawText ?? '')].join('');
    }
    return null;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const text = node.text;
      const end = text.lastIndexOf('/');
      if (slowFlags(text.slice(end + 1)) && hasWordBoundary(text.slice(1, end))) report(node);
    } else if (
      ts.isNewExpression(node) &&
      node.expression.getText() === 'RegExp' &&
      node.arguments?.length === 2
    ) {
      const [pattern, flags] = node.arguments as unknown as [ts.Expression, ts.Expression];
      const flagText = ts.isStringLiteral(flags) ? flags.text : '';
      const text = patternText(pattern);
      if (slowFlags(flagText) && text !== null && hasWordBoundary(text)) report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('regexps with the i and u flags', () => {
  it('are found with \\b, and only then', () => {
    expect(slowPatterns('a.ts', 'const a = /x\\bfoo/iu;')).toEqual(['a.ts:1']);
    expect(slowPatterns('b.ts', "const b = new RegExp(String.raw`\\bfoo${x}`, 'giu');")).toEqual(['b.ts:1']);
    expect(slowPatterns('c.ts', "const c = new RegExp('\\\\bfoo', 'ui');")).toEqual(['c.ts:1']);
    expect(slowPatterns('d.ts', 'const d = [/\\bfoo/i, /\\bfoo/u, /\\\\bfoo/iu, /(?<!\\w)foo/iu];')).toEqual(
      [],
    );
  });

  it('use (?<!\\w) and (?!\\w) instead of \\b in src/', () => {
    const offenders = sourceFiles(SRC).flatMap((file) => slowPatterns(file, readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
