/**
 * Quote removal: splits a plain-text body into the sender's new text and the quoted history.
 *
 * Rules, in the order they are tried on each line from the top:
 * 1. a forward separator ("---------- Forwarded message ---------") ends the scan: a forwarded
 *    message is content the sender chose to include, not history;
 * 2. an attribution line ("On ... wrote:", "在 ... 写道：") followed by "> " lines removes the
 *    attribution, that quoted run and the blank lines after it, then the scan goes on (bottom
 *    posting and inline answers keep the text between quotes); followed by unmarked text, it
 *    removes everything to the end (top posting);
 *    (an attribution as the very first line with unmarked text below is kept: no reply above it);
 * 3. an Outlook-style block ("-----Original Message-----", "____" + From/Sent/To/Subject, in any
 *    locale including Chinese Outlook and Foxmail) removes everything to the end, unless it is
 *    the very first thing in the message (then there is no reply above it: a form mail or a
 *    bare forward, which we keep whole);
 * 4. a run of "> " lines without attribution is removed when it has two or more quoted lines or
 *    nothing but blank lines follows it; a lone "> " line between paragraphs stays (it is more
 *    often an arrow or the context of an inline answer than history).
 */

import { toLf } from '../../mail/line-breaks.ts';
import { matchAttribution } from './attribution.ts';
import { isLeadInOfHeaderBlock, isOriginalMessageSeparator } from './header-block.ts';
import { FORWARD_SEPARATOR } from './vocabulary.ts';

export interface QuoteSplit {
  /** The new text, leading blank lines and trailing whitespace removed. */
  reply: string;
  /** The removed history, lines in their original order, or null when nothing was quoted. */
  quoted: string | null;
}

const QUOTE_LINE = /^[ \t]{0,3}>/;

export function normaliseLines(text: string): string[] {
  return toLf(text.replace(/^\uFEFF/, '')).split('\n');
}

const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === '';

/**
 * End (exclusive) of a quoted run starting at `i`: quote lines and blank lines, plus single
 * unmarked lines squeezed between two quote lines (a quoted line the client re-wrapped without
 * repeating the "> ", or a wrapped link).
 */
function quotedRunEnd(lines: readonly string[], i: number): { end: number; quoteLines: number } {
  let k = i;
  let lastQuote = i;
  let quoteLines = 0;
  while (k < lines.length) {
    const line = lines[k]!;
    if (QUOTE_LINE.test(line)) {
      lastQuote = k;
      quoteLines++;
    } else if (!isBlank(line)) {
      const sandwiched = QUOTE_LINE.test(lines[k - 1] ?? '') && QUOTE_LINE.test(lines[k + 1] ?? '');
      if (!sandwiched) break;
    }
    k++;
  }
  let end = lastQuote + 1;
  while (end < lines.length && isBlank(lines[end])) end++;
  return { end, quoteLines };
}

function onlyBlankFrom(lines: readonly string[], i: number): boolean {
  for (let k = i; k < lines.length; k++) if (!isBlank(lines[k])) return false;
  return true;
}

function nextNonBlank(lines: readonly string[], from: number): number {
  let k = from;
  while (k < lines.length && isBlank(lines[k])) k++;
  return k;
}

function attributionIntroducesQuoteLines(lines: readonly string[], end: number): boolean {
  const next = nextNonBlank(lines, end + 1);
  return next < lines.length && QUOTE_LINE.test(lines[next]!);
}

function isOutlookBlockAt(lines: readonly string[], i: number): boolean {
  return isOriginalMessageSeparator(lines[i]!) || isLeadInOfHeaderBlock(lines, i);
}

/** Per line: kept as reply text, or moved to the quoted history. */
type Mark = 'keep' | 'quoted';

function assemble(lines: readonly string[], marks: readonly Mark[], split: Map<number, string>): QuoteSplit {
  const keep: string[] = [];
  const quoted: string[] = [];
  lines.forEach((line, k) => {
    const prefix = split.get(k);
    if (prefix !== undefined) {
      keep.push(prefix);
      quoted.push(line.slice(prefix.length).replace(/^[-\s]+/, ''));
    } else if (marks[k] === 'quoted') quoted.push(line);
    else keep.push(line);
  });
  const first = keep.findIndex((l) => !isBlank(l));
  const reply = first < 0 ? '' : keep.slice(first).join('\n').trimEnd();
  return { reply, quoted: quoted.length > 0 ? quoted.join('\n') : null };
}

export function removeQuoted(text: string): QuoteSplit {
  const lines = normaliseLines(text);
  const marks: Mark[] = lines.map(() => 'keep');
  /** Lines whose start is reply text and whose rest is an attribution: the reply part. */
  const split = new Map<number, string>();
  const quote = (from: number, to: number): void => {
    for (let k = from; k < to; k++) marks[k] = 'quoted';
  };
  let sawContent = false;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (FORWARD_SEPARATOR.test(line)) break;
    if (QUOTE_LINE.test(line)) {
      const run = quotedRunEnd(lines, i);
      if (run.quoteLines >= 2 || onlyBlankFrom(lines, run.end)) quote(i, run.end);
      i = run.end;
      continue;
    }
    const attribution = matchAttribution(lines, i);
    if (attribution && (sawContent || attributionIntroducesQuoteLines(lines, attribution.end))) {
      if (attribution.prefix !== '') split.set(i, attribution.prefix);
      if (attributionIntroducesQuoteLines(lines, attribution.end)) {
        const run = quotedRunEnd(lines, nextNonBlank(lines, attribution.end + 1));
        quote(i, run.end);
        i = run.end;
        sawContent = true;
        continue;
      }
      quote(i, lines.length);
      break;
    }
    if (sawContent && isOutlookBlockAt(lines, i)) {
      quote(i, lines.length);
      break;
    }
    if (!isBlank(line)) sawContent = true;
    i++;
  }
  return assemble(lines, marks, split);
}
