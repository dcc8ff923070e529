import { describe, expect, it } from 'vitest';
import { matchesOf } from '../../../src/understand/matches.ts';

const asPlain = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => ({ at: m.index, groups: [...m] }));

describe('matchesOf', () => {
  const cases: [RegExp, string][] = [
    [/\d+/g, 'ref 12, qty 300 pcs, 4 x 40HQ'],
    [/(?<![\p{L}])(fob|cif)\s+(\p{Lu}\p{L}+)/giu, 'Price FOB Ningbo or CIF Mombasa, not fob'],
    [/^message-id:\s*(<[^>\s]+>)/gim, 'Message-ID: <a@b>\nfoo\nmessage-id: <c@d>'],
    // Empty matches: the search steps on by one character, or by one code point under u.
    [/x*/g, 'axxb'],
    [/(?:)/gu, 'a😀b'],
    [/(?:)/g, 'a😀b'],
    [/\b/g, 'two words'],
    [/z/g, ''],
    [/(?:)/g, ''],
  ];
  it.each(cases)('finds what matchAll finds: %s', (re, text) => {
    expect(asPlain(matchesOf(re, text))).toEqual(asPlain(text.matchAll(new RegExp(re))));
  });

  it('leaves the pattern at lastIndex 0 after each match, so the pattern can be used meanwhile', () => {
    const re = /(\w)(\d)/g;
    const seen: string[] = [];
    for (const m of matchesOf(re, 'a1 b2 c3')) {
      expect(re.lastIndex).toBe(0);
      // The same pattern searched in full inside the loop does not disturb the outer search.
      seen.push(`${m[0]}:${[...matchesOf(re, 'x9 y8')].length}`);
    }
    expect(seen).toEqual(['a1:2', 'b2:2', 'c3:2']);
  });

  it('starts from the beginning whatever lastIndex the pattern was left at', () => {
    const re = /\d/g;
    re.lastIndex = 3;
    expect([...matchesOf(re, '1 2 3')].map((m) => m[0])).toEqual(['1', '2', '3']);
  });

  it('can be ended early, like any generator, with the pattern left at lastIndex 0', () => {
    const re = /\d/g;
    const text = '1 2 3';
    const it = matchesOf(re, text);
    expect(it.next().value?.[0]).toBe('1');
    expect(re.lastIndex).toBe(0);
    it.return(undefined);
    expect(it.next().done).toBe(true);
  });

  it('refuses a pattern without the g flag, as matchAll does', () => {
    expect(() => [...matchesOf(/\d/, '1 2')]).toThrow(TypeError);
  });
});
