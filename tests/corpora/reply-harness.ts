/**
 * Scoring for the reply / quote / signature corpora (reply-crisp, reply-willdurand, reply-github,
 * reply-zh-zapier: the "portable" view described in each SOURCE.md; reply-talon: its own
 * `compare` modes). Shared by the corpus suites and bench/understand-libs.ts so every candidate
 * (our stripper and the libraries) is scored by the same code.
 *
 * Whitespace normalisation for the reply text, applied to both sides before comparing: CRLF/CR
 * become LF and trailing spaces/tabs are removed from every line (the upstream parsers emit
 * lines without trailing blanks; a reader cannot see them). Regexes on the quoted part and the
 * signature run on the text as returned, with only CRLF/CR turned into LF.
 */
import path from 'node:path';
import type { Corpus } from '../helpers/corpus.ts';
import { readJson } from '../helpers/corpus.ts';
import type { CaseResult } from './case-results.ts';
import { readCorpusFile } from './case-results.ts';

export interface ReplyOutcome {
  body: string;
  quoted: string | null;
  signature: string | null;
}
export type ReplyStripper = (text: string) => ReplyOutcome;

export interface Portable {
  reply_trimmed?: string;
  reply_matches?: string[];
  reply_not_matches?: string[];
  quoted_matches?: string[];
  signature_matches?: string[];
  signature_present?: boolean;
  reply_is_whole_input?: boolean;
  needs_custom_config?: boolean;
}

export interface PortableCase {
  id: string;
  group: string;
  input: string;
  portable: Portable;
}

const lf = (text: string): string => text.replace(/\r\n?/g, '\n');

export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '');
}

/** Returns the predicates that failed (empty = pass). */
export function checkPortable(p: Portable, input: string, out: ReplyOutcome): string[] {
  const failures: string[] = [];
  const reply = normaliseText(out.body);
  // Regexes on the removed parts see the text as returned (a "-- " delimiter keeps its space).
  const quoted = out.quoted === null ? '' : lf(out.quoted);
  const signature = out.signature === null ? '' : lf(out.signature);
  if (p.reply_trimmed !== undefined && reply.trim() !== normaliseText(p.reply_trimmed).trim()) {
    failures.push(`reply_trimmed: got ${JSON.stringify(reply.trim().slice(0, 160))}`);
  }
  for (const re of p.reply_matches ?? [])
    if (!new RegExp(re, 'm').test(reply)) failures.push(`reply !~ /${re}/`);
  for (const re of p.reply_not_matches ?? [])
    if (new RegExp(re, 'm').test(reply)) failures.push(`reply =~ /${re}/`);
  for (const re of p.quoted_matches ?? [])
    if (!new RegExp(re, 'm').test(quoted)) failures.push(`quoted !~ /${re}/`);
  for (const re of p.signature_matches ?? []) {
    if (!new RegExp(re, 'm').test(signature))
      failures.push(`signature !~ /${re}/ (got ${JSON.stringify(signature)})`);
  }
  if (p.signature_present && signature.trim() === '') failures.push('no signature found');
  if (p.reply_is_whole_input && reply.trim() !== normaliseText(input).trim()) {
    failures.push(`reply_is_whole_input: got ${JSON.stringify(reply.trim().slice(0, 160))}`);
  }
  return failures;
}

interface PortableCorpusJson {
  cases: {
    id: string;
    file: string;
    portable: Portable | null;
    input_transform?: { replace_all: [string, string] };
  }[];
}

/** Loads the cases with a portable view, applying `input_transform` (reply-willdurand). */
export function loadPortableCases(corpus: Corpus): PortableCase[] {
  const json = readJson<PortableCorpusJson>(path.join(corpus.dir, 'expected.json'));
  const out: PortableCase[] = [];
  for (const c of json.cases) {
    if (!c.portable) continue;
    let input = readCorpusFile(corpus, c.file);
    if (c.input_transform)
      input = input.split(c.input_transform.replace_all[0]).join(c.input_transform.replace_all[1]);
    const group = c.portable.needs_custom_config ? 'needs_custom_config' : 'portable';
    out.push({ id: c.id, group, input, portable: c.portable });
  }
  return out;
}

export function scorePortable(cases: readonly PortableCase[], strip: ReplyStripper): CaseResult[] {
  return cases.map((c) => {
    let failures: string[];
    try {
      failures = checkPortable(c.portable, c.input, strip(c.input));
    } catch (err) {
      failures = [`threw: ${String(err)}`];
    }
    return { id: c.id, group: c.group, failures };
  });
}
