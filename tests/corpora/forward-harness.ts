/**
 * Scoring for forward-crisp (crisp-oss/email-forward-parser fixtures), shared by the corpus suite
 * and bench/understand-libs.ts. A candidate's output is mapped onto the upstream result shape
 * `{forwarded, message, email: {subject, date, body, from, to[], cc[]}}` and every dotted key of
 * `expect` is compared with strict equality.
 *
 * Normalisation of the candidate's output (documented contract, applied to every candidate):
 * - an empty display name or address ('' in MailAddress) counts as null (upstream uses null);
 * - strings: CRLF/CR become LF; nothing is trimmed (our parser trims body and note itself).
 */
import path from 'node:path';
import type { MailAddress } from '../../src/ingest/mail.ts';
import { readInlineForward } from '../../src/understand/forward/index.ts';
import type { Corpus } from '../helpers/corpus.ts';
import { readJson } from '../helpers/corpus.ts';
import type { CaseResult } from './case-results.ts';
import { readCorpusFile } from './case-results.ts';

export interface ForwardMailbox {
  address: string | null;
  name: string | null;
}

export interface ForwardOutcome {
  forwarded: boolean;
  message: string | null;
  email: {
    subject: string | null;
    date: string | null;
    body: string | null;
    from: ForwardMailbox | null;
    to: ForwardMailbox[];
    cc: ForwardMailbox[];
  } | null;
}

export type ForwardCandidate = (body: string, subject: string | undefined) => ForwardOutcome;

export interface ForwardCase {
  id: string;
  group: string;
  client: string;
  body: string;
  subject: string | undefined;
  expect: Record<string, unknown>;
}

interface ForwardJson {
  cases: {
    id: string;
    group: string;
    body_file: string;
    subject_file: string | null;
    expect: Record<string, unknown>;
  }[];
}

/** Client name from the fixture file name, e.g. `new_outlook_2019_fr_body.txt` -> `new_outlook_2019`. */
function clientOf(file: string): string {
  const base = file.replace(/^.*\//, '').replace(/_body.*$/, '');
  return base.replace(/_(?:[a-z]{2}|pt_br|cz)$/, '');
}

export function loadForwardCases(corpus: Corpus): ForwardCase[] {
  const json = readJson<ForwardJson>(path.join(corpus.dir, 'expected.json'));
  return json.cases.map((c) => ({
    id: c.id,
    group: c.group.replace(/:.*$/, ''),
    client: clientOf(c.body_file),
    body: readCorpusFile(corpus, c.body_file),
    subject: c.subject_file ? readCorpusFile(corpus, c.subject_file) : undefined,
    expect: c.expect,
  }));
}

const nl = (s: string): string => s.replace(/\r\n?/g, '\n');

/** Resolves a dotted path like `email.to[1].name` or `email.cc.length` on the outcome. */
function valueAt(outcome: ForwardOutcome, dotted: string): unknown {
  let cur: unknown = outcome;
  for (const part of dotted.split('.')) {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(part);
    if (!m || cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1]!];
    if (m[2] !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[Number(m[2])];
    }
  }
  if (typeof cur === 'string') return nl(cur);
  return cur;
}

export function checkForward(expect: Record<string, unknown>, outcome: ForwardOutcome): string[] {
  const failures: string[] = [];
  for (const [key, want] of Object.entries(expect)) {
    const got = valueAt(outcome, key);
    const isNonEmpty = typeof want === 'object' && want !== null && '$nonEmptyString' in want;
    const ok = isNonEmpty ? typeof got === 'string' && got.length > 1 : got === want;
    if (!ok) failures.push(`${key}: got ${JSON.stringify(got)?.slice(0, 120)}`);
  }
  return failures;
}

export function scoreForward(cases: readonly ForwardCase[], candidate: ForwardCandidate): CaseResult[] {
  return cases.map((c) => {
    let failures: string[];
    try {
      failures = checkForward(c.expect, candidate(c.body, c.subject));
    } catch (err) {
      failures = [`threw: ${String(err)}`];
    }
    return { id: c.id, group: c.group, failures };
  });
}

/** Converts a MailAddress ('' = absent) into the upstream mailbox shape (null = absent). */
export function toMailbox(m: MailAddress): ForwardMailbox {
  return { address: m.address === '' ? null : m.address, name: m.name === '' ? null : m.name };
}

/** Our inline forward reader, mapped onto the upstream result shape. */
export const ourForwardCandidate: ForwardCandidate = (body, subject) => {
  const found = readInlineForward(body, subject);
  if (!found) return { forwarded: false, message: null, email: null };
  const o = found.original;
  return {
    forwarded: true,
    message: found.note,
    email: {
      subject: o.subject,
      date: o.date,
      body: o.body,
      from: o.from ? toMailbox(o.from) : null,
      to: o.to.map(toMailbox),
      cc: o.cc.map(toMailbox),
    },
  };
};
