/**
 * Compares the installed forward / reply libraries with our own parsers on the third-party corpora
 * (../shared/corpora), with the same scoring code the corpus suites use.
 * Run: npx tsx bench/understand-libs.ts
 */
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import EmailForwardParser, { type EmailForwardMailbox } from 'email-forward-parser';
import EmailReplyParser from 'email-reply-parser';
import type { InlineForward } from '../src/understand/forward/index.ts';
import { readInlineForward } from '../src/understand/forward/index.ts';
import { readLibraryForward } from '../src/understand/forward/library.ts';
import { removeQuoted, splitSignature, stripReply } from '../src/understand/quote/index.ts';
import type { CaseResult } from '../tests/corpora/case-results.ts';
import { passedCount } from '../tests/corpora/case-results.ts';
import type { ForwardCandidate, ForwardMailbox } from '../tests/corpora/forward-harness.ts';
import { loadForwardCases, ourForwardCandidate, scoreForward } from '../tests/corpora/forward-harness.ts';
import type { ReplyStripper } from '../tests/corpora/reply-harness.ts';
import { loadPortableCases, scorePortable } from '../tests/corpora/reply-harness.ts';
import type { TalonCandidate } from '../tests/corpora/reply-talon-harness.ts';
import { HEADLINE_GROUPS, loadTalonCases, scoreTalon } from '../tests/corpora/reply-talon-harness.ts';
import { locateCorpus, printRate } from '../tests/helpers/corpus.ts';
import type { ForwardSample } from '../tests/unit/understand/forward.samples.ts';
import { FORWARD_SAMPLES } from '../tests/unit/understand/forward.samples.ts';
import type { ReplySample } from '../tests/unit/understand/quote.samples.ts';
import { REPLY_SAMPLES } from '../tests/unit/understand/quote.samples.ts';

const require = createRequire(import.meta.url);
const planer = require('planer') as { extractFrom: (body: string, contentType: string) => string };

// ---- forward candidates
const mailboxes = (v: EmailForwardMailbox | EmailForwardMailbox[] | null | undefined): ForwardMailbox[] =>
  v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];

const forwardParser = new EmailForwardParser();
const libForward: ForwardCandidate = (body, subject) => {
  const r = forwardParser.read(body, subject ?? null);
  return {
    forwarded: r.forwarded,
    message: r.message,
    email: r.forwarded
      ? {
          subject: r.email.subject,
          date: r.email.date ?? null,
          body: r.email.body ?? null,
          from: r.email.from,
          to: mailboxes(r.email.to),
          cc: mailboxes(r.email.cc),
        }
      : null,
  };
};

// ---- reply candidates
const replyParser = new EmailReplyParser();
const libReply: ReplyStripper = (text) => {
  const email = replyParser.read(text);
  const sig = email
    .getFragments()
    .filter((f) => f.isSignature())
    .map((f) => f.getContent())
    .join('\n');
  return { body: email.getVisibleText(), quoted: email.getQuotedText(), signature: sig === '' ? null : sig };
};
const libReplyTalon: TalonCandidate = {
  removeQuotes: (text) => replyParser.parseReply(text),
  splitSignature: (text) => {
    const r = libReply(text);
    return { text: r.body.trim(), signature: r.signature };
  },
};

const planerReply: ReplyStripper = (text) => {
  const reply = planer.extractFrom(text, 'text/plain');
  const rest = text.startsWith(reply) ? text.slice(reply.length) : '';
  return { body: reply, quoted: rest === '' ? null : rest, signature: null };
};
const planerTalon: TalonCandidate = {
  removeQuotes: (t) => planer.extractFrom(t, 'text/plain'),
  splitSignature: null,
};

const ourTalon: TalonCandidate = {
  removeQuotes: (text) => removeQuoted(text).reply,
  splitSignature: (text) => {
    const r = splitSignature(text);
    return { text: r.body, signature: r.signature };
  },
};

function report(label: string, results: CaseResult[]): void {
  printRate(label, passedCount(results), results.length);
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: Math.round(performance.now() - t0) };
}

const fwd = locateCorpus('forward-crisp');
if (fwd.exists) {
  const cases = loadForwardCases(fwd);
  for (const [name, cand] of [
    ['email-forward-parser', libForward],
    ['ours', ourForwardCandidate],
  ] as const) {
    const t = timed(() => scoreForward(cases, cand));
    report(`forward-crisp [${name}, ${t.ms} ms]`, t.value);
  }
}

for (const name of ['reply-crisp', 'reply-willdurand', 'reply-github', 'reply-zh-zapier']) {
  const corpus = locateCorpus(name);
  if (!corpus.exists) continue;
  const cases = loadPortableCases(corpus).filter((c) => c.group === 'portable');
  for (const [label, cand] of [
    ['email-reply-parser', libReply],
    ['planer', planerReply],
    ['ours', stripReply],
  ] as const) {
    const t = timed(() => scorePortable(cases, cand));
    report(`${name} [${label}, ${t.ms} ms]`, t.value);
  }
}

const talon = locateCorpus('reply-talon');
if (talon.exists) {
  const cases = (await loadTalonCases(talon)).filter((c) => HEADLINE_GROUPS.has(c.group));
  for (const [label, cand] of [
    ['email-reply-parser', libReplyTalon],
    ['planer', planerTalon],
    ['ours', ourTalon],
  ] as const) {
    const t = timed(() => scoreTalon(cases, cand));
    report(`reply-talon [${label}, ${t.ms} ms]`, t.value);
  }
}

// ---- hand-written Chinese / multilingual samples (no public corpus has Chinese forwards)
const sampleLine = (label: string, ok: number, total: number): void =>
  console.log(`samples ${label}: ${ok}/${total} passed`);
const sameForward = (got: InlineForward | null, s: ForwardSample): boolean =>
  got !== null && isDeepStrictEqual({ ...got.original, note: got.note }, s.expect);
for (const [label, read] of [
  ['email-forward-parser', readLibraryForward],
  ['ours', readInlineForward],
] as const) {
  const ok = FORWARD_SAMPLES.filter((s) => sameForward(read(s.text, s.subject), s)).length;
  sampleLine(`forward [${label}]`, ok, FORWARD_SAMPLES.length);
}

/** Quote removal only: the new text is there and the quoted text is gone. */
const quoteRemoved = (reply: string, s: ReplySample): boolean =>
  reply.includes(s.expect.body) && (s.expect.quotedHas === null || !reply.includes(s.expect.quotedHas));
for (const [label, removeQuotes] of [
  ['email-reply-parser', (t: string) => replyParser.parseReply(t)],
  ['planer', (t: string) => planer.extractFrom(t, 'text/plain')],
  ['ours', (t: string) => removeQuoted(t).reply],
] as const) {
  const ok = REPLY_SAMPLES.filter((s) => quoteRemoved(removeQuotes(s.text), s)).length;
  sampleLine(`reply, quote removal [${label}]`, ok, REPLY_SAMPLES.length);
}
for (const [label, strip] of [
  ['email-reply-parser', libReply],
  ['ours', stripReply],
] as const) {
  const ok = REPLY_SAMPLES.filter((s) => {
    const r = strip(s.text);
    const quotedOk =
      s.expect.quotedHas === null ? r.quoted === null : (r.quoted ?? '').includes(s.expect.quotedHas);
    return (
      r.body.trim() === s.expect.body && (r.signature?.trim() ?? null) === s.expect.signature && quotedOk
    );
  }).length;
  sampleLine(`reply, body + signature + quoted [${label}]`, ok, REPLY_SAMPLES.length);
}
