/**
 * Subject prefixes that clients add when forwarding or replying ("Fwd:", "FW:", "转发:", "WG:",
 * "TR:", "RV:"...). Colons may be ASCII or full-width ("Fw：", "转发：") as Chinese clients write
 * them.
 */

const FORWARD_WORDS = [
  'fwd',
  'fw',
  'tr',
  'wg',
  'rv',
  'enc',
  'i',
  'vs',
  'vb',
  'vl',
  'pd',
  'doorst',
  'videresend',
  'vidarebefordra',
  'redir\\.',
  'i̇lt',
  'ilt',
  'továbbítás',
  'přeposlat',
  'пересл',
  '转发',
  '轉寄',
  '转寄',
  '轉發',
  '転送',
  '전달',
];
const REPLY_WORDS = [
  're',
  'aw',
  'sv',
  'antw',
  'odp',
  'ynt',
  'vá',
  'ref',
  'отв',
  '回复',
  '答复',
  '回覆',
  '答覆',
  '返信',
  '답장',
];

const prefixRe = (words: readonly string[]): RegExp =>
  new RegExp(`^\\s*(?:\\[\\s*)?(?:${words.join('|')})\\s*(?:\\[\\d+\\]\\s*)?[:：]\\s*`, 'iu');
/** Subjects are short; a pathological one is only looked at this far. */
const MAX_SUBJECT = 500;

const FORWARD_PREFIX = prefixRe(FORWARD_WORDS);
const REPLY_PREFIX = prefixRe(REPLY_WORDS);

export type SubjectKind = 'forward' | 'reply' | 'plain';

/** What the outermost prefix says: "Fwd: Re: x" is a forward, "Re: Fwd: x" a reply. */
export function subjectKind(subject: string): SubjectKind {
  const head = subject.slice(0, MAX_SUBJECT);
  if (FORWARD_PREFIX.test(head)) return 'forward';
  if (REPLY_PREFIX.test(head)) return 'reply';
  return 'plain';
}

/** Removes leading forward prefixes ("Fwd: FW: x" -> "x"); reply prefixes are part of the subject. */
export function stripForwardPrefix(subject: string): string {
  let s = subject;
  for (let guard = 0; guard < 10 && FORWARD_PREFIX.test(s.slice(0, MAX_SUBJECT)); guard++) {
    s = s.replace(FORWARD_PREFIX, '');
  }
  return s.trim();
}
