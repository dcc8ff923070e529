import { describe, expect, it } from 'vitest';
import { toLf } from '../../../src/mail/line-breaks.ts';

describe('toLf', () => {
  it('turns CRLF and a lone CR into LF and leaves LF alone', () => {
    expect(toLf('a\r\nb\rc\nd\r\n\r\ne\r')).toBe('a\nb\nc\nd\n\ne\n');
    expect(toLf('\r\r\n')).toBe('\n\n');
  });

  it('returns a text without CR unchanged', () => {
    const text = 'no carriage return here\nonly LF';
    expect(toLf(text)).toBe(text);
  });
});
