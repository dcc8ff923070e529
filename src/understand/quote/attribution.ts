/**
 * Attribution lines: the one line (wrapped over up to four by some clients) that introduces
 * quoted history, e.g. "On Tue, Mar 1, 2011 at 6:02 PM, Ann <ann@x.com> wrote:",
 * "Am 25.06.2015 um 10:55 schrieb Ann:", "在 2016年11月8日，下午2:23，Ann <ann@x.com> 写道：",
 * "Ann <ann@x.com> 于2020年3月9日 周一下午9:10写道：", "---- Ann wrote ----".
 *
 * A line qualifies when it is terminated like a header (colon, dash-wrapped, or directly
 * followed by "> " lines) AND carries enough evidence: a quote verb with an opening word, a
 * date or an address. "Something wrote:" or "On Thursday:" inside a reply do not qualify.
 */
import { matchesOf } from '../matches.ts';
import { QUOTE_LEADS, QUOTE_VERBS } from './vocabulary.ts';

/** Longest text (after joining wrapped lines) still considered a header; bounds regex work. */
const MAX_HEADER_CHARS = 400;
/** Clients wrap a long attribution over at most this many lines. */
const MAX_HEADER_LINES = 4;

const escapeList = (words: readonly string[]): string => words.map((w) => w.replace(/[.]/g, '\\.')).join('|');
const isCjk = (w: string): boolean => /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u.test(w);

const LATIN_VERBS = QUOTE_VERBS.filter((w) => !isCjk(w));
const CJK_VERBS = QUOTE_VERBS.filter(isCjk);
// Latin verbs must stand as words; CJK verbs follow a date or name without a space.
const VERB = new RegExp(
  `(?:(?:^|[\\s,>)"'])(?:${escapeList(LATIN_VERBS)})(?=$|[\\s:：,)-])|(?:${escapeList(CJK_VERBS)}))`,
  'iu',
);
const VERB_AT_END = new RegExp(`(?:^|\\s)(?:${escapeList(LATIN_VERBS)})\\s*$`, 'iu');
/** "sent" attributes a quote only after an opening word ("On <date>, Ann sent:"). */
const LEAD_ONLY_VERB = /\ssent\s*[:：]/i;
const LEAD = new RegExp(
  `^[-\\s>*]*(?:${escapeList(QUOTE_LEADS.filter((w) => !isCjk(w)))})\\s|^[-\\s>*]*在`,
  'u',
);
const EMAIL = /[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/;
/** The '@' first: most lines have none, and the pattern alone tries every word of them. */
const hasEmail = (text: string) => text.includes('@') && EMAIL.test(text);
const DIGIT = /\d/;
const ENDS_WITH_COLON = /[:：]\s*-*\s*$/;
const DASH_WRAPPED = /^\s*-{2,}.*-{2,}\s*$/;
const DATE_START =
  /^\s*(?:\p{L}{2,9}\.?,?\s)?(?:\d{4}[-/.年]\s?\d{1,2}|\d{1,2}[-/.]\s?\d{1,2}[-/.]\s?\d{2,4}|\d{1,2}\.?\s\p{L}{2,12}\.?\s\d{4})/u;
/** The header ends with the quoted sender's address: `..., "Ann" <ann@x.com>:`. */
const ENDS_WITH_ADDRESS_COLON = /@[\w.-]{1,253}[>)\]]?\s*[:：]\s*$/;
const SENTENCE_END = /[.?!。？！]\s*$/;
const QUOTE_LINE = /^[ \t]{0,3}>/;
/** Where an English attribution starts inside a line that also holds the reply's last words. */
const INLINE_ON = /(?:-{2,}\s*|\s)On\s/g;

export interface Attribution {
  /** First and last line index of the header. */
  start: number;
  end: number;
  /** Text before the header on its first line (reply text sharing the line), or ''. */
  prefix: string;
}

function isAttributionText(text: string, followedByQuote: boolean): boolean {
  if (text.length > MAX_HEADER_CHARS) return false;
  const colon = ENDS_WITH_COLON.test(text);
  const dashWrapped = DASH_WRAPPED.test(text);
  const lead = LEAD.test(text);
  const email = hasEmail(text);
  // "On Wed, 14 Nov 2018 08:14:43 -0200 Ann <ann@x.com> wrote" (no colon) still attributes.
  if (lead && VERB_AT_END.test(text) && (DIGIT.test(text) || email)) return true;
  if (!colon && !dashWrapped && !followedByQuote) return false;
  const verb = VERB.test(text);
  if (dashWrapped && verb) return true;
  if (lead && (verb || LEAD_ONLY_VERB.test(text)) && (DIGIT.test(text) || email || followedByQuote))
    return true;
  if (verb && email) return true;
  if (ENDS_WITH_ADDRESS_COLON.test(text) && DIGIT.test(text.replace(EMAIL, ''))) return true;
  return DATE_START.test(text) && (email || (verb && colon));
}

function nextNonBlank(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  return i;
}

function followedByQuote(lines: readonly string[], end: number): boolean {
  const next = nextNonBlank(lines, end + 1);
  return next < lines.length && QUOTE_LINE.test(lines[next]!);
}

/** "reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:" -> prefix "reply". */
function splitSharedLine(line: string, quoteFollows: boolean): string | null {
  if (line.length > MAX_HEADER_CHARS) return null;
  for (const m of matchesOf(INLINE_ON, line)) {
    const start = m.index + m[0].indexOf('On');
    const header = line.slice(start);
    if (!(DIGIT.test(header) || hasEmail(header))) continue;
    if (!isAttributionText(header, quoteFollows)) continue;
    const prefix = line.slice(0, m.index).replace(/[-\s]+$/, '');
    if (prefix !== '') return prefix;
  }
  return null;
}

/** Matches an attribution starting at line `i`, joining wrapped lines when needed. */
export function matchAttribution(lines: readonly string[], i: number): Attribution | null {
  const first = lines[i]!;
  if (first.trim() === '' || first.length > MAX_HEADER_CHARS || QUOTE_LINE.test(first)) return null;
  const shared = splitSharedLine(first, followedByQuote(lines, i));
  if (shared !== null) return { start: i, end: i, prefix: shared };
  let text = first.trim();
  if (isAttributionText(text, followedByQuote(lines, i))) return { start: i, end: i, prefix: '' };
  // A wrapped header's first line opens like one and its lines do not end a sentence or a
  // header of their own ("On Thursday:" followed by other lines is not one long header).
  const canWrap = (LEAD.test(text) || DATE_START.test(text)) && !SENTENCE_END.test(text);
  for (let k = 1; canWrap && k < MAX_HEADER_LINES && i + k < lines.length; k++) {
    const next = lines[i + k]!;
    if (next.trim() === '' || QUOTE_LINE.test(next) || ENDS_WITH_COLON.test(text)) break;
    text = `${text} ${next.trim()}`;
    if (text.length > MAX_HEADER_CHARS) break;
    if (isAttributionText(text, followedByQuote(lines, i + k))) return { start: i, end: i + k, prefix: '' };
  }
  return null;
}
