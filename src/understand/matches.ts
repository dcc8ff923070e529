/**
 * Every match of a global pattern in a text, in order, as `text.matchAll(re)` yields them, but
 * without matchAll's copy of the pattern: matchAll builds a new RegExp for each call (ECMA-262
 * RegExp.prototype[@@matchAll] constructs one through the species constructor, so that the
 * pattern's own lastIndex is left alone), and V8 initialises that copy in its runtime. The
 * readers of a mail call it about 40 times per message; the copies were about 1% of the
 * understanding worker's CPU (perf, one 10,000-message sync), and the exec loop here takes
 * about half of matchAll's time per call on a line of inquiry text.
 *
 * Like matchAll it reads lazily (a loop that stops early reads no further) and throws on a
 * pattern without the g flag, which would otherwise match at the same place for ever. The
 * pattern's lastIndex is 0 again whenever this hands over a match, so the same pattern may be
 * used meanwhile, by this or by anything else.
 */
export function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray, void, undefined> {
  if (!re.global) throw new TypeError(`matchesOf needs a global pattern: ${re}`);
  let at = 0;
  while (at <= text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    at = re.lastIndex;
    re.lastIndex = 0;
    if (m === null) return;
    // An empty match would be found again at the same place: step over one character, or one
    // code point under the u or v flag (ECMA-262 AdvanceStringIndex).
    if (m[0] === '') at = nextIndex(text, at, re.unicode || re.flags.includes('v'));
    yield m;
  }
}

function nextIndex(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const code = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  return code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? at + 2 : at + 1;
}
