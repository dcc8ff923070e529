/**
 * The users' rules for prospecting mail, as checks (DOMAIN.md, "Writing prospecting emails"):
 * a short subject without capitals, shouting punctuation or false urgency; a greeting; a
 * signature; a plain-text part; and a closing question that invites a reply.
 * Pure functions over sources, syntax trees and rendered text.
 */
import {
  BLOCK_HELPERS,
  forbiddenPaths,
  helperCalls,
  partialNames,
  unescapedOutputs,
  VALUE_HELPERS,
} from './ast.ts';
import type { LintCode, LintProblem, TemplateMeta, TemplatePart } from './types.ts';

export const SUBJECT_MAX_CHARS = 50;
/** Share of upper-case letters above which a subject reads as shouting. */
export const CAPS_RATIO = 0.6;
/** Fewer cased letters than this ("FOB LED") are too few to judge. */
export const CAPS_MIN_LETTERS = 8;

export interface Where {
  template: string;
  lang: string | null;
}

export type LintPhase = 'load' | 'render';

const SHOUTING = /!!|\$\$|\?\?\?|[!?]{3,}|！！|[？！]{3,}/u;
const URGENT_LATIN = /\b(urgent|urgente|urgence|important|importante|wichtig|dringend)\b/i;
const URGENT_OTHER = /紧急|緊急|重要|срочн|важн/iu;
const QUESTION_END = /[?？؟][\s"'”’»)）]*$/u;

function problem(
  code: LintCode,
  severity: LintProblem['severity'],
  where: Where,
  part: TemplatePart | null,
  message: string,
): LintProblem {
  return { code, severity, template: where.template, lang: where.lang, part, message };
}

/**
 * Capitals as a share of all letters. Letters without case (Chinese, Arabic) count in the
 * denominator, so a Chinese subject quoting "QUOTATION-2025" is not read as shouting.
 */
function upperShare(text: string): { cased: number; share: number } {
  const upper = (text.match(/\p{Lu}/gu) ?? []).length;
  const lower = (text.match(/\p{Ll}/gu) ?? []).length;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return { cased: upper + lower, share: letters === 0 ? 0 : upper / letters };
}

/**
 * Checks a rendered subject. Over 50 characters is an error when rendering for real and a warning
 * at load (where the sample data may be longer or shorter than real data).
 */
export function lintSubject(
  subject: string,
  meta: TemplateMeta,
  where: Where,
  phase: LintPhase,
): LintProblem[] {
  const out: LintProblem[] = [];
  const length = [...subject].length;
  if (subject.trim() === '') {
    out.push(problem('MISSING_SUBJECT', 'error', where, 'subject', 'the subject renders empty'));
    return out;
  }
  if (length > SUBJECT_MAX_CHARS) {
    out.push(
      problem(
        'SUBJECT_TOO_LONG',
        phase === 'render' ? 'error' : 'warning',
        where,
        'subject',
        `subject is ${length} characters, over ${SUBJECT_MAX_CHARS}: "${subject}"`,
      ),
    );
  }
  const caps = upperShare(subject);
  if (caps.cased >= CAPS_MIN_LETTERS && caps.share > CAPS_RATIO) {
    out.push(
      problem(
        'SUBJECT_ALL_CAPS',
        'error',
        where,
        'subject',
        `subject is ${Math.round(caps.share * 100)}% capitals: "${subject}"`,
      ),
    );
  }
  const shout = SHOUTING.exec(subject);
  if (shout !== null) {
    out.push(problem('EXCESS_PUNCTUATION', 'error', where, 'subject', `subject contains "${shout[0]}"`));
  }
  const urgent = URGENT_LATIN.exec(subject) ?? URGENT_OTHER.exec(subject);
  if (urgent !== null && !meta.urgent) {
    out.push(
      problem(
        'URGENT_WORD',
        'error',
        where,
        'subject',
        `subject says "${urgent[0]}"; only templates marked urgent: true in template.yaml may`,
      ),
    );
  }
  return out;
}

/**
 * Checks the rendered plain-text body up to the signature: it should end with a question
 * (buyer-facing kinds), and should not shout.
 */
export function lintBody(textBeforeSignature: string, meta: TemplateMeta, where: Where): LintProblem[] {
  const out: LintProblem[] = [];
  if (meta.kind !== 'internal') {
    const paragraphs = textBeforeSignature
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    const last = paragraphs[paragraphs.length - 1] ?? '';
    if (!QUESTION_END.test(last)) {
      out.push(
        problem(
          'MISSING_QUESTION',
          'warning',
          where,
          'text',
          'the body should end with a simple question that invites a reply (before the signature)',
        ),
      );
    }
  }
  const shout = SHOUTING.exec(textBeforeSignature);
  if (shout !== null)
    out.push(problem('EXCESS_PUNCTUATION', 'warning', where, 'text', `body contains "${shout[0]}"`));
  return out;
}

export interface PartTrees {
  subject: hbs.AST.Program | null;
  html: hbs.AST.Program | null;
  text: hbs.AST.Program | null;
}

/** Checks what can be seen without rendering: parts present, greeting, signature, helpers, partials. */
export function lintStructure(
  trees: PartTrees,
  meta: TemplateMeta,
  where: Where,
  partialExists: (name: string) => boolean,
): LintProblem[] {
  const out: LintProblem[] = [];
  if (trees.subject === null)
    out.push(problem('MISSING_SUBJECT', 'error', where, 'subject', 'subject.hbs is missing'));
  if (trees.html === null)
    out.push(problem('MISSING_HTML_PART', 'error', where, 'html', 'body.html.hbs is missing'));
  if (trees.text === null) {
    out.push(
      problem(
        'MISSING_TEXT_PART',
        'error',
        where,
        'text',
        'body.txt.hbs is missing; every mail needs a plain-text part (spam filters and text-only clients)',
      ),
    );
  }
  for (const part of ['subject', 'html', 'text'] as const) {
    const tree = trees[part];
    if (tree === null) continue;
    out.push(...lintTree(tree, where, part, partialExists));
    if (part === 'subject') continue;
    if (!helperCalls(tree).some((h) => h.name === 'greeting')) {
      out.push(
        problem(
          'MISSING_GREETING',
          'error',
          where,
          part,
          'the body must open with {{greeting lead}} (or recipient)',
        ),
      );
    }
    if (meta.kind !== 'internal' && !partialNames(tree).includes('signature')) {
      out.push(problem('MISSING_SIGNATURE', 'error', where, part, 'the body must include {{> signature}}'));
    }
  }
  return out;
}

/** Checks one syntax tree (a part or a partial) for prototype paths, unknown helpers and partials. */
export function lintTree(
  tree: hbs.AST.Program,
  where: Where,
  part: TemplatePart | null,
  partialExists: (name: string) => boolean,
): LintProblem[] {
  const out: LintProblem[] = [];
  for (const f of forbiddenPaths(tree)) {
    out.push(
      problem(
        'FORBIDDEN_PROPERTY',
        'error',
        where,
        part,
        `line ${f.line}: {{${f.path}}} reaches a prototype property`,
      ),
    );
  }
  for (const h of helperCalls(tree)) {
    const list = h.block ? BLOCK_HELPERS : VALUE_HELPERS;
    if (!list.includes(h.name)) {
      out.push(
        problem(
          'UNKNOWN_HELPER',
          'error',
          where,
          part,
          `line ${h.line}: ${h.block ? '#' : ''}${h.name} is not a helper; use one of ${list.join(', ')}`,
        ),
      );
    }
  }
  if (part === 'html') {
    // The HTML part escapes every value from mail; {{{x}}} would print a buyer's text as markup.
    for (const u of unescapedOutputs(tree)) {
      out.push(
        problem(
          'UNESCAPED_OUTPUT',
          'error',
          where,
          part,
          `line ${u.line}: {{{${u.path}}}} prints without HTML escaping; use {{${u.path}}}`,
        ),
      );
    }
  }
  for (const name of partialNames(tree)) {
    if (!partialExists(name)) {
      out.push(
        problem(
          'UNKNOWN_PARTIAL',
          'error',
          where,
          part,
          `partial "${name}" does not exist in templates/_partials`,
        ),
      );
    }
  }
  return out;
}
