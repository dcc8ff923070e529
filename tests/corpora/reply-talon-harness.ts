/**
 * Scoring for reply-talon (Mailgun talon's fixtures). talon has two separate entry points, so a
 * candidate is scored on two functions with the same contracts:
 * - quotation removal only (talon `extract_from_plain`: the signature stays in the reply);
 * - signature split (talon `bruteforce.extract_signature`: `{text, signature | null}`).
 * .eml inputs and HTML bodies go through our own parse stage (mailparser), exactly as production
 * mail does: the first text/plain part for .eml, mailparser's HTML-to-text rendering for HTML.
 * Talon-specific HTML serialisations (`inline:html_quotations`) are not scored.
 */

import path from 'node:path';
import { parseStage } from '../../src/ingest/stages/parse.ts';
import type { Corpus } from '../helpers/corpus.ts';
import { readJson } from '../helpers/corpus.ts';
import type { CaseResult } from './case-results.ts';
import { readCorpusFile } from './case-results.ts';
import { normaliseText } from './reply-harness.ts';

export interface TalonCandidate {
  removeQuotes: (text: string) => string;
  splitSignature: ((text: string) => { text: string; signature: string | null }) | null;
}

/** The 83 cases SOURCE.md calls transferable; the others are reported apart. */
export const HEADLINE_GROUPS = new Set([
  'standard_replies',
  'html_replies',
  'inline:text_quotations',
  'inline:signature_bruteforce',
]);

type Check = (c: TalonCandidate) => string[];
export interface TalonCase {
  id: string;
  group: string;
  check: Check;
}

interface TalonJson {
  cases: {
    id: string;
    group: string;
    file?: string;
    input?: string;
    expected: unknown;
    compare: string;
  }[];
}

const noSpace = (s: string): string => s.replace(/\s/g, '');
const show = (s: string | null): string => JSON.stringify(s === null ? null : s.slice(0, 160));

function quoteCheck(input: string, expected: string, compare: 'exact' | 'strip' | 'nospace'): Check {
  return (c) => {
    const got = c.removeQuotes(input);
    const ok =
      compare === 'nospace'
        ? noSpace(got) === noSpace(expected)
        : compare === 'strip'
          ? normaliseText(got).trim() === normaliseText(expected).trim()
          : normaliseText(got) === normaliseText(expected);
    return ok ? [] : [`reply ${show(got)}`];
  };
}

function signatureCheck(
  input: string,
  expected: { text: string; signature: string | null },
  strip: boolean,
): Check {
  return (c) => {
    if (!c.splitSignature) return ['candidate has no signature splitter'];
    const got = c.splitSignature(input);
    const norm = (s: string | null): string | null => {
      if (s === null) return null;
      const n = normaliseText(s);
      return strip ? n.trim() : n;
    };
    const expectedSig = expected.signature === '' ? null : expected.signature;
    const gotSig = got.signature === '' ? null : got.signature;
    const failures: string[] = [];
    if (norm(got.text) !== norm(expected.text)) failures.push(`text ${show(got.text)}`);
    if (norm(gotSig) !== norm(expectedSig)) failures.push(`signature ${show(gotSig)}`);
    return failures;
  };
}

async function firstTextPart(raw: string): Promise<string> {
  return (await parseStage(Buffer.from(raw, 'utf8'))).text;
}

async function htmlAsText(html: string): Promise<string> {
  const raw = `Content-Type: text/html; charset=utf-8\r\nMIME-Version: 1.0\r\n\r\n${html}`;
  return (await parseStage(Buffer.from(raw, 'utf8'))).text;
}

export async function loadTalonCases(corpus: Corpus): Promise<TalonCase[]> {
  const json = readJson<TalonJson>(path.join(corpus.dir, 'expected.json'));
  const out: TalonCase[] = [];
  for (const c of json.cases) {
    const text = c.file ? readCorpusFile(corpus, c.file) : (c.input ?? '');
    switch (c.group) {
      case 'standard_replies':
        out.push({
          id: c.id,
          group: c.group,
          check: quoteCheck(await firstTextPart(text), String(c.expected), 'strip'),
        });
        break;
      case 'html_replies':
        out.push({
          id: c.id,
          group: c.group,
          check: quoteCheck(await htmlAsText(text), String(c.expected), 'nospace'),
        });
        break;
      case 'html_misc': {
        const expectedText = c.id.includes('OLK_SRC') ? 'Reply' : 'Hi there';
        out.push({
          id: c.id,
          group: c.group,
          check: quoteCheck(await htmlAsText(text), expectedText, 'nospace'),
        });
        break;
      }
      case 'plain_misc':
        out.push({
          id: c.id,
          group: c.group,
          check: (cand) => {
            const got = cand.removeQuotes(text);
            return got.trim() !== '' && !got.includes('From') ? [] : [`reply ${show(got)}`];
          },
        });
        break;
      case 'inline:text_quotations':
        out.push({ id: c.id, group: c.group, check: quoteCheck(text, String(c.expected), 'exact') });
        break;
      case 'inline:signature_bruteforce':
        out.push({
          id: c.id,
          group: c.group,
          check: signatureCheck(text, c.expected as { text: string; signature: string | null }, false),
        });
        break;
      case 'signature_ml':
        out.push({
          id: c.id,
          group: c.group,
          check: signatureCheck(text, c.expected as { text: string; signature: string | null }, true),
        });
        break;
      default:
        break;
    }
  }
  return out;
}

export function scoreTalon(cases: readonly TalonCase[], candidate: TalonCandidate): CaseResult[] {
  return cases.map((c) => {
    let failures: string[];
    try {
      failures = c.check(candidate);
    } catch (err) {
      failures = [`threw: ${String(err)}`];
    }
    return { id: c.id, group: c.group, failures };
  });
}
